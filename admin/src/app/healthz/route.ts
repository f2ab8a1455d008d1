/** Answers once the server is up; `npm start` and the tests wait for it. */
export function GET() {
  return Response.json({ status: 'ok', service: 'admin' });
}
