import { Injectable } from '@nestjs/common';
import { type FeaturePolicy, Policy } from '../../common/policy';
import type { RequestContext } from '../../common/request-context';

export type FilesAction = 'upload' | 'read';

/** A file as its rule sees it: who uploaded it, and whether its owning record lets this caller read it. */
export interface FileAccess {
  uploadedBy: number;
  ownerAllows: boolean;
}

/** Anyone signed in may upload; a file is read by its uploader and by whom its owning record allows. */
@Policy()
@Injectable()
export class FilesPolicy implements FeaturePolicy<FilesAction, FileAccess | undefined> {
  can(actor: RequestContext, action: FilesAction, file: FileAccess | undefined): boolean {
    if (!actor.user) return false;
    switch (action) {
      case 'upload':
        return true;
      case 'read':
        return file !== undefined && (file.uploadedBy === actor.user.id || file.ownerAllows);
    }
  }
}
