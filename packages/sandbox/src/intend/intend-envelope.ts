/** The documented Intend response envelope. */
export function intendEnvelope(status: number, data: unknown, msg?: string): Response {
  const ok = status >= 200 && status < 300;
  return Response.json(
    {
      status,
      response: ok,
      data: ok ? data : null,
      msg: msg ?? (ok ? 'Request Successful' : 'Request Failed'),
    },
    { status },
  );
}
