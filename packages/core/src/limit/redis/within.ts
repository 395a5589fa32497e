/**
 * Waits for `work` at most `ms` (a command's bound: the quit, the takes close() gives back); never rejects.
 *
 * @example
 * await within(client.quit(), 1_000);
 */
export async function within(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise((resolve) => (timer = setTimeout(resolve, ms)));
  await Promise.race([work.catch(() => undefined), late]);
  clearTimeout(timer);
}
