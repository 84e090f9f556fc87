import { Module } from '@nestjs/common';
import { PaymentSubjects } from './payment-subjects';
import { PaymentsService } from './payments.service';

@Module({
  providers: [PaymentsService, PaymentSubjects],
  exports: [PaymentsService, PaymentSubjects],
})
export class PaymentsModule {}
