/** An entry's endpoint for one provider: the config's, else the provider's default for what it sends. */
import type { ProviderProfile } from '../providers/profile.js';
import type { ConfigEntry } from './normalize-entries.js';

export function endpointFor(entry: ConfigEntry, provider: ProviderProfile): string {
  if (entry.endpoint !== undefined) return entry.endpoint;
  return entry.input !== undefined && provider.inputEndpoint ? provider.inputEndpoint : provider.defaultEndpoint;
}
