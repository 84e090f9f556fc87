import { Injectable } from '@nestjs/common';
import type { ArticleVisibility } from '@itss/shared';
import { type FeaturePolicy, Policy } from '../../common/policy';
import { type RequestContext, isStaff } from '../../common/request-context';

export type ArticlesAction = 'manage' | 'uploadImage' | 'read' | 'readBody' | 'readFile';

/** What the caller's unit makes them as a reader: a contact of an active unit, at 委员 level or above. */
export type ReaderStanding = 'public' | 'member' | 'committee';

/** An article and its caller as the rules see them. */
export interface ArticleAccess {
  standing: ReaderStanding;
  article?: { published: boolean; visibility: ArticleVisibility };
  /** For a file the article owns: whether it is its cover. */
  file?: { isCover: boolean };
}

const STANDING_READS: Record<ReaderStanding, readonly ArticleVisibility[]> = {
  public: ['public'],
  member: ['public', 'members'],
  committee: ['public', 'members', 'committee'],
};

/**
 * Staff write and publish and read everything. A published article's teaser (title, summary,
 * cover) is for everyone; its body, images and attachments for whom its visibility names. Contacts
 * of active units upload images for their submissions. A file's uploader reads it by the files
 * feature's rule, which asks `readFile` only for files an article owns.
 */
@Policy()
@Injectable()
export class ArticlesPolicy implements FeaturePolicy<ArticlesAction, ArticleAccess> {
  can(actor: RequestContext, action: ArticlesAction, access: ArticleAccess): boolean {
    if (isStaff(actor)) return true;
    const article = access.article;
    const bodyReadable =
      article !== undefined &&
      article.published &&
      STANDING_READS[access.standing].includes(article.visibility);
    switch (action) {
      case 'manage':
        return false;
      case 'uploadImage':
        return actor.user !== null && access.standing !== 'public';
      case 'read':
        return article?.published === true;
      case 'readBody':
        return bodyReadable;
      case 'readFile':
        return bodyReadable || (access.file?.isCover === true && article?.published === true);
    }
  }
}
