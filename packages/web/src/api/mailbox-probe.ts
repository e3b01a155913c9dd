/**
 * Whether this server has the dev mailbox (the local home; production answers 404). Only the
 * status matters: the body is cancelled, because a response left unread keeps its request open
 * and the page never goes network-idle for crawlers and test tools.
 */
export async function hasMailbox(fetcher: typeof fetch = fetch): Promise<boolean> {
  try {
    const res = await fetcher('/api/dev/mailbox?limit=1');
    await res.body?.cancel();
    return res.ok;
  } catch {
    return false;
  }
}
