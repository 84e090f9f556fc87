import { showModal as taroShowModal } from '@test/taro-mock';
import { COLORS, showModal } from './modal';

test('a confirmation is drawn in the brand colour unless it names its own', async () => {
  await showModal({ title: '通过投稿', content: '确定通过吗？' });
  expect(taroShowModal).toHaveBeenLastCalledWith({
    title: '通过投稿',
    content: '确定通过吗？',
    confirmColor: COLORS.brand,
    cancelColor: COLORS.text,
  });
  await showModal({ title: '暂停会员资格', content: '确定暂停吗？', confirmColor: COLORS.danger });
  expect(taroShowModal).toHaveBeenLastCalledWith(expect.objectContaining({ confirmColor: COLORS.danger }));
});
