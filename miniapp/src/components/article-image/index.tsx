import { Image } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect } from 'react';
import { downloadWithToken, releaseDownload } from '@/services/download';
import { useRequest } from '@/services/useRequest';

/** An article file's address for an <Image> or a link: the API's, which the server answers with relative ones. */
export const absoluteFileUrl = (url: string): string => (url.startsWith('/') ? `${API_BASE}${url}` : url);

/**
 * Where an image of an article can be shown from. Files of a public article are read by address;
 * those of a members' article need the session's token, which an <Image src> cannot send, so
 * they are downloaded first (a temp file on weapp, a blob: URL on H5).
 */
export function useArticleFile(url: string, needsToken: boolean) {
  const { state, reload } = useRequest(() =>
    needsToken && url.startsWith('/') ? downloadWithToken(url) : Promise.resolve(absoluteFileUrl(url)),
  );
  const local = state.status === 'success' && state.data !== absoluteFileUrl(url) ? state.data : null;
  useEffect(
    () => () => {
      if (local) releaseDownload(local);
    },
    [local],
  );
  return { state, reload };
}

interface ArticleImageProps {
  url: string;
  needsToken: boolean;
  className?: string;
  mode?: 'aspectFill' | 'widthFix';
  /** Tapping shows the image full screen (the body's and the cover's, not a list's thumbnail). */
  preview?: boolean;
}

/** An article's image; nothing while it loads or when it cannot be had (the text stands alone). */
export function ArticleImage({
  url,
  needsToken,
  className,
  mode = 'aspectFill',
  preview,
}: ArticleImageProps) {
  const { state } = useArticleFile(url, needsToken);
  if (state.status !== 'success') return null;
  const src = state.data;
  return (
    <Image
      className={className}
      src={src}
      mode={mode}
      lazyLoad
      onClick={preview ? () => void Taro.previewImage({ urls: [src], current: src }) : undefined}
    />
  );
}
