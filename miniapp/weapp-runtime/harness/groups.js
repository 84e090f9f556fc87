// Staff's side of the members' group through the API, for the member pages to show: a group's
// QR image uploaded as the staff page does (multipart, field `file`).
const { randomUUID } = require('node:crypto');
const { httpRequest } = require('./http');

/** A real 1×1 PNG: the server types uploads by their bytes. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

async function uploadGroupCode(origin, token, groupId) {
  const boundary = `----itss${randomUUID()}`;
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="code.png"\r\nContent-Type: image/png\r\n\r\n`,
    ),
    PNG,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const response = await httpRequest({
    url: `${origin}/api/groups/${groupId}/code`,
    method: 'PUT',
    headers: {
      'content-type': `multipart/form-data; boundary=${boundary}`,
      authorization: `Bearer ${token}`,
    },
    body,
  });
  if (response.status !== 200) throw new Error(`code upload answered ${response.status}: ${response.body}`);
  return JSON.parse(response.body);
}

module.exports = { uploadGroupCode };
