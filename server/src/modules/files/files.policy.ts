import { Injectable } from '@nestjs/common';
import { type FeaturePolicy, Policy } from '../../common/policy';
import type { RequestContext } from '../../common/request-context';

export type FilesAction = 'upload' | 'read';

/** A file as its rule sees it: who uploaded it, and whether its owning record lets this caller read it. */
export interface FileAccess {
  uploadedBy: number;
  ownerAllows: boolean;
}

/**
 * Anyone signed in may upload. A file is read by its uploader, and once a record owns it by whom
 * that record's feature allows (anyone, for a public article's files); an unclaimed upload is its
 * uploader's alone, staff included. Every route that serves a file asks this one rule.
 */
@Policy()
@Injectable()
export class FilesPolicy implements FeaturePolicy<FilesAction, FileAccess | undefined> {
  can(actor: RequestContext, action: FilesAction, file: FileAccess | undefined): boolean {
    switch (action) {
      case 'upload':
        return actor.user !== null;
      case 'read':
        return file !== undefined && (file.uploadedBy === actor.user?.id || file.ownerAllows);
    }
  }
}
