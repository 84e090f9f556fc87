import { Button, Input, Text, View } from '@tarojs/components';
import { useState } from 'react';

interface SearchBarProps {
  /** The stylesheet's block: `<block>`, `<block>__input`, `<block>__button`. */
  block: string;
  placeholder: string;
  maxlength: number;
  /** Gets the trimmed text, '' to search for everything again. */
  onSearch: (q: string) => void;
  initial?: string;
  /** More classes for the input (a page's own handle on it). */
  inputClassName?: string;
  /** 搜索 as a small button (staff lists) rather than a text link (member pages). */
  button?: boolean;
}

/** A search field that searches on 搜索 or the keyboard's search key, not on every keystroke. */
export function SearchBar({
  block,
  placeholder,
  maxlength,
  onSearch,
  initial = '',
  inputClassName,
  button = false,
}: SearchBarProps) {
  const [text, setText] = useState(initial);
  const search = () => onSearch(text.trim());
  return (
    <View className={block}>
      <Input
        className={inputClassName ? `${block}__input ${inputClassName}` : `${block}__input`}
        value={text}
        placeholder={placeholder}
        confirmType="search"
        maxlength={maxlength}
        onInput={(event) => setText(event.detail.value)}
        onConfirm={search}
      />
      {button ? (
        <Button className={`${block}__button`} size="mini" onClick={search}>
          搜索
        </Button>
      ) : (
        <Text className={`${block}__button`} onClick={search}>
          搜索
        </Text>
      )}
    </View>
  );
}
