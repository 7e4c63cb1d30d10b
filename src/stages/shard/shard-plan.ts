/**
 * The one sharding rule, as a pure calculation: a request goes into the current shard unless
 * that would take the shard over max bytes (newlines counted), max lines, the input-token
 * budget or the provider's unit cap (OpenAI: 50,000 embedding inputs per batch); then a new
 * shard starts. A request is never split, so a request that is bigger than a
 * limit on its own gets a shard to itself. ShardWriter (which writes) and stats (which only
 * counts) both place requests with this class, so they cannot disagree.
 */
export interface ShardLimits {
  maxBytes: number;
  maxLines?: number;
  /** output.max_tokens_per_shard; undefined = no token limit */
  maxTokens?: number;
  /** the provider's cap on units per batch (src/providers/units.ts); undefined = none */
  maxUnits?: number;
}

export interface PlannedShard {
  lines: number;
  bytes: number;
  /** input tokens placed in this shard (0 when tokens are not counted) */
  tokens: number;
  /** units placed in this shard (0 when the endpoint counts none) */
  units: number;
}

export class ShardPlanner {
  readonly shards: PlannedShard[] = [];
  /** bytes placed so far, over every shard */
  bytes = 0;
  private readonly maxLines: number;
  private readonly maxTokens: number;
  private readonly maxUnits: number;

  constructor(private readonly limits: ShardLimits) {
    this.maxLines = limits.maxLines ?? Infinity;
    this.maxTokens = limits.maxTokens ?? Infinity;
    this.maxUnits = limits.maxUnits ?? Infinity;
  }

  /** Places one request (`bytes` = line + newline); returns true when it opened a new shard. */
  place(bytes: number, tokens = 0, units = 0): boolean {
    let cur = this.shards[this.shards.length - 1];
    const opened =
      !cur ||
      cur.bytes + bytes > this.limits.maxBytes ||
      cur.lines >= this.maxLines ||
      cur.tokens + tokens > this.maxTokens ||
      cur.units + units > this.maxUnits;
    if (opened) {
      cur = { lines: 0, bytes: 0, tokens: 0, units: 0 };
      this.shards.push(cur);
    }
    cur!.lines++;
    cur!.bytes += bytes;
    cur!.tokens += tokens;
    cur!.units += units;
    this.bytes += bytes;
    return opened;
  }
}
