import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { registrationIdParamSchema, surveyAnswerSchema } from '@itss/shared';
import type { z } from 'zod';
import { Ctx, type SignedInContext } from '../../common/request-context';
import { type SurveyAnswerParsed, SurveysService } from './surveys.service';

/** An attendee's satisfaction survey of the event they attended. */
@Controller('registrations')
export class SurveysController {
  constructor(private readonly surveys: SurveysService) {}

  @Post(':id/survey')
  @HttpCode(204)
  answer(
    @Ctx() ctx: SignedInContext,
    @Param({ schema: registrationIdParamSchema }) params: z.output<typeof registrationIdParamSchema>,
    @Body({ schema: surveyAnswerSchema }) body: SurveyAnswerParsed,
  ): Promise<void> {
    return this.surveys.answer(ctx, params.id, body);
  }
}
