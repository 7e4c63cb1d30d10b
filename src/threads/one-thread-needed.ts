/**
 * A threaded group run met something only a read of the whole file in order can decide (a faulty
 * CSV row, bytes invalid in UTF-8, a duplicate custom_id): the run is thrown away and the group
 * built again on one thread, which reports it exactly as it always does. Never shown to the user.
 */
export class OneThreadNeeded extends Error {
  constructor(readonly reason: string) {
    super(`one thread needed: ${reason}`);
  }
}
