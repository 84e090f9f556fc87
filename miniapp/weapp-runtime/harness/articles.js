// Staff's side of 资讯 through the API (issue 11), for the reading pages to show: an article written
// as a draft and published, exactly as the staff editor sends it.
const { call } = require('./joining');

/** POST /api/articles then …/publish; resolves to the article's id. */
async function publishArticle(origin, staffToken, article) {
  const created = await call(origin, staffToken, 'POST', '/api/articles', {
    category: 'policy',
    visibility: 'public',
    ...article,
  });
  await call(origin, staffToken, 'POST', `/api/articles/${created.id}/publish`);
  return created.id;
}

module.exports = { publishArticle };
