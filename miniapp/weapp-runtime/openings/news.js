// The article page opened without an id, the tag page without a tag, the editor for a new article (news.weapp.test.js goes deeper).
module.exports = {
  'packages/news/pages/article/index': { visitor: '文章不存在或已下线' },
  'packages/news/pages/tag/index': { visitor: '没有指定标签' },
  'packages/news/staff/articles/index': { staff: '新建文章' },
  'packages/news/staff/article-edit/index': { staff: '保存草稿' },
};
