// The baseline the check-in benchmark compares against: plain Koa + mysql2, one INSERT per
// request, no auth, no validation, no dedupe. What the BFF adds costs the difference.
import http from 'node:http';
import Koa from 'koa';
import mysql from 'mysql2/promise';

const pool = mysql.createPool({ uri: process.env.DATABASE_URL.replace(/^mariadb:/, 'mysql:'), connectionLimit: Number(process.env.DB_POOL_SIZE ?? 10) });
await pool.query(
  'CREATE TABLE IF NOT EXISTS baseline_checkin (id INT AUTO_INCREMENT PRIMARY KEY, userId INT NOT NULL, stationId INT NOT NULL, checkedInAt DATETIME(3) NOT NULL, clientRequestId VARCHAR(64) NOT NULL) ENGINE=InnoDB',
);
const app = new Koa();
app.use(async (ctx) => {
  const chunks = [];
  for await (const c of ctx.req) chunks.push(c);
  const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  const [r] = await pool.execute('INSERT INTO baseline_checkin (userId, stationId, checkedInAt, clientRequestId) VALUES (?, ?, NOW(3), ?)', [
    body.userId,
    body.stationId,
    body.clientRequestId,
  ]);
  ctx.body = { id: r.insertId };
});
const server = http.createServer(app.callback()).listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(`baseline running: http://127.0.0.1:${server.address().port}/`);
});
process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))));
