import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { TransactionalRepositoriesModule } from '../../database/transactional-repositories.module';
import { FileEntity } from './file.entity';
import { FILE_STORAGE, type FileStorage, LocalFileStorage, S3FileStorage } from './file-storage';
import { FilesController } from './files.controller';
import { FilesPolicy } from './files.policy';
import { FilesService } from './files.service';

@Module({
  imports: [TransactionalRepositoriesModule.forFeature([FileEntity])],
  controllers: [FilesController],
  providers: [
    FilesService,
    FilesPolicy,
    {
      provide: FILE_STORAGE,
      useFactory: ({ storage }: AppConfig): FileStorage =>
        storage.type === 's3' ? new S3FileStorage(storage) : new LocalFileStorage(storage.dir),
      inject: [APP_CONFIG],
    },
  ],
  // The storage itself too, for records that keep bytes of their own (a group's QR code) with their own rules.
  exports: [FilesService, FILE_STORAGE],
})
export class FilesModule {}
