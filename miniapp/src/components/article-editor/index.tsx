import { Button, Text, View } from '@tarojs/components';
import { ARTICLE_FILE_URL_PATTERN } from '@itss/shared';
import { useLayoutEffect, useRef, useState } from 'react';
import { TextInput } from '@/components/kit/form';
import { ArticleBody } from '@/components/article-body';
import { ArticleImage } from '@/components/article-image';
import { uploadArticleImage } from '@/packages/news/api';
import { FilePicker } from '@/components/kit/file-picker';
import { isSafeLink, type Block, type BlockKind } from './blocks';
import './index.scss';
import { showModal } from '@/services/modal';

/** A block with a key that stays while blocks move. */
export interface EditorBlock {
  key: number;
  block: Block;
}

let nextKey = 1;
export const keyBlocks = (blocks: Block[]): EditorBlock[] =>
  blocks.map((block) => ({ key: nextKey++, block }));

const KIND_NAMES: Record<BlockKind, string> = {
  heading: '小标题',
  paragraph: '段落',
  list: '列表',
  quote: '引用',
  image: '图片',
  raw: '原有格式',
};

function LinkForm({ onInsert }: { onInsert: (marked: string) => void }) {
  const [label, setLabel] = useState('');
  const [url, setUrl] = useState('');
  const [error, setError] = useState<string | null>(null);
  const insert = () => {
    const text = label.trim().replace(/[\\[\]]/g, (char) => `\\${char}`);
    if (!text) return setError('请填写链接文字');
    if (!isSafeLink(url.trim())) return setError('链接须以 https:// 或 http:// 开头');
    onInsert(`[${text}](${url.trim()})`);
  };
  return (
    <View className="block-link">
      <TextInput
        className="block-link__label"
        maxlength={40}
        placeholder="链接文字"
        value={label}
        onChange={setLabel}
      />
      <TextInput
        className="block-link__url"
        maxlength={300}
        placeholder="https://"
        value={url}
        onChange={setUrl}
      />
      {error ? (
        <View className="article-form__error" role="alert">
          {error}
        </View>
      ) : null}
      <Button className="block-button block-button--primary block-link__insert" size="mini" onClick={insert}>
        插入链接
      </Button>
    </View>
  );
}

/** Text with marks: 加粗 wraps a new bold piece, 链接 inserts a link at the end. */
function MarkedText({
  value,
  placeholder,
  onChange,
}: {
  value: string;
  placeholder: string;
  onChange: (value: string) => void;
}) {
  const [linking, setLinking] = useState(false);
  return (
    <>
      <TextInput
        multiline
        className="block__text"
        autoHeight
        maxlength={-1}
        placeholder={placeholder}
        value={value}
        onChange={onChange}
      />
      <View className="block__marks">
        <Button
          className="block-button block__bold"
          size="mini"
          onClick={() => onChange(`${value}**粗体文字**`)}
        >
          加粗
        </Button>
        <Button className="block-button block__link" size="mini" onClick={() => setLinking(!linking)}>
          链接
        </Button>
        <Text className="block__hint">**文字** 为粗体</Text>
      </View>
      {linking ? (
        <LinkForm
          onInsert={(marked) => {
            onChange(`${value}${marked}`);
            setLinking(false);
          }}
        />
      ) : null}
    </>
  );
}

function BlockFields({ block, onChange }: { block: Block; onChange: (block: Block) => void }) {
  switch (block.kind) {
    case 'heading':
      return (
        <View className="block__heading">
          <TextInput
            className="block__input"
            maxlength={60}
            placeholder="小标题"
            value={block.text}
            onChange={(value) => onChange({ ...block, text: value })}
          />
          <Button
            className="block-button block__level"
            size="mini"
            onClick={() => onChange({ ...block, level: block.level === 2 ? 3 : 2 })}
          >
            {block.level === 2 ? '一级' : '二级'}
          </Button>
        </View>
      );
    case 'paragraph':
      return (
        <MarkedText
          value={block.text}
          placeholder="段落文字"
          onChange={(text) => onChange({ ...block, text })}
        />
      );
    case 'quote':
      return (
        <MarkedText
          value={block.text}
          placeholder="引用的文字"
          onChange={(text) => onChange({ ...block, text })}
        />
      );
    case 'list':
      return (
        <>
          <TextInput
            multiline
            className="block__text block__items"
            autoHeight
            maxlength={-1}
            placeholder="每行一项"
            value={block.items.join('\n')}
            onChange={(value) => onChange({ ...block, items: value.split('\n') })}
          />
          <Button
            className="block-button block__ordered"
            size="mini"
            onClick={() => onChange({ ...block, ordered: !block.ordered })}
          >
            {block.ordered ? '编号列表' : '圆点列表'}
          </Button>
        </>
      );
    case 'image': {
      return ARTICLE_FILE_URL_PATTERN.test(block.url) ? (
        <ArticleImage className="block__image" mode="widthFix" url={block.url} needsToken />
      ) : (
        <Text className="block__hint">图片地址无效，请删除后重新上传</Text>
      );
    }
    case 'raw':
      return (
        <>
          <Text className="block__hint">此段格式无法在此编辑，将原样保留；可移动或删除</Text>
          <ArticleBody html={block.html} needsToken />
        </>
      );
  }
}

const EMPTY_BLOCKS: Record<Exclude<BlockKind, 'image' | 'raw'>, () => Block> = {
  heading: () => ({ kind: 'heading', level: 2, text: '' }),
  paragraph: () => ({ kind: 'paragraph', text: '' }),
  list: () => ({ kind: 'list', ordered: false, items: [''] }),
  quote: () => ({ kind: 'quote', text: '' }),
};

interface ArticleEditorProps {
  blocks: EditorBlock[];
  onChange: (blocks: EditorBlock[]) => void;
}

/**
 * The body as a list of blocks: works with a phone's keyboard and a desktop's alike, and what it
 * writes is the small HTML the server keeps (blocks.ts).
 */
export function ArticleEditor({ blocks, onChange }: ArticleEditorProps) {
  // The latest blocks, for the upload that finishes after more typing.
  const blocksRef = useRef(blocks);
  useLayoutEffect(() => {
    blocksRef.current = blocks;
  });
  const replace = (key: number, block: Block) =>
    onChange(blocks.map((item) => (item.key === key ? { key, block } : item)));
  const move = (index: number, by: number) => {
    const next = [...blocks];
    const [item] = next.splice(index, 1);
    if (item) next.splice(index + by, 0, item);
    onChange(next);
  };
  const add = (block: Block) => onChange([...blocks, ...keyBlocks([block])]);
  return (
    <View className="article-editor">
      {blocks.length ? null : (
        <Text className="block__hint article-editor__empty">点下方按钮添加正文内容</Text>
      )}
      {blocks.map(({ key, block }, index) => (
        <View key={key} className={`block block--${block.kind}`}>
          <View className="block__bar">
            <Text className="block__kind">{KIND_NAMES[block.kind]}</Text>
            <Button
              className="block-button block__up"
              size="mini"
              disabled={index === 0 || undefined}
              onClick={() => move(index, -1)}
            >
              上移
            </Button>
            <Button
              className="block-button block__down"
              size="mini"
              disabled={index === blocks.length - 1 || undefined}
              onClick={() => move(index, 1)}
            >
              下移
            </Button>
            <Button
              className="block-button block-button--danger block__remove"
              size="mini"
              onClick={() => onChange(blocks.filter((item) => item.key !== key))}
            >
              删除
            </Button>
          </View>
          <BlockFields block={block} onChange={(changed) => replace(key, changed)} />
        </View>
      ))}
      <View className="article-editor__add">
        {(Object.keys(EMPTY_BLOCKS) as (keyof typeof EMPTY_BLOCKS)[]).map((kind) => (
          <Button
            key={kind}
            className={`block-button article-editor__add-${kind}`}
            size="mini"
            onClick={() => add(EMPTY_BLOCKS[kind]())}
          >
            ＋{KIND_NAMES[kind]}
          </Button>
        ))}
        <FilePicker
          kind="photo"
          className="block-button article-editor__add-image"
          size="mini"
          upload={uploadArticleImage}
          onUploaded={(uploaded) =>
            onChange([...blocksRef.current, ...keyBlocks([{ kind: 'image', url: uploaded.url }])])
          }
          onError={(failure) =>
            showModal({ title: '图片未上传', content: failure.message, showCancel: false })
          }
        >
          ＋图片
        </FilePicker>
      </View>
    </View>
  );
}
