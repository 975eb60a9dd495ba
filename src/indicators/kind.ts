import { isIPv4 } from 'node:net';

/** What an indicator value is, detected from the value alone (pure: pinned by unit tests). */

export const INDICATOR_KINDS = ['IPV4', 'DOMAIN', 'URL', 'MD5', 'SHA1', 'SHA256', 'UNKNOWN'] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];

export interface DetectedIndicator {
  /** Normalised: trimmed; hashes and domains lower-cased; URLs keep their path's case. */
  value: string;
  kind: IndicatorKind;
}

const HEX = /^[0-9a-f]+$/;
const URL_PARTS = /^(https?:\/\/)([^/?#]*)(.*)$/i;
// RFC 1123 labels, at least two, a letter-bearing top-level label; the total at most 253.
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Detections kept, by the text detected; when full, the oldest goes first (as verified tokens and passed checks do), so memory stays bounded. */
const MAX_KEPT_DETECTIONS = 10_000;
const keptDetections = new Map<string, DetectedIndicator>();

/**
 * What `raw` is. The same values come back operation after operation (a SIM's threat targets, the
 * whole Apex list keyed by its objects' normalised content), and detecting one runs up to four
 * regular expressions (~1 µs): each text's detection is kept, and each caller gets its own copy
 * (Pothos brands the objects it resolves as nodes and entities with their type).
 */
export function detectIndicator(raw: string): DetectedIndicator {
  let detected = keptDetections.get(raw);
  if (detected === undefined) {
    if (keptDetections.size >= MAX_KEPT_DETECTIONS) keptDetections.delete(keptDetections.keys().next().value!);
    detected = detect(raw);
    keptDetections.set(raw, detected);
  }
  return { value: detected.value, kind: detected.kind };
}

function detect(raw: string): DetectedIndicator {
  const trimmed = raw.trim();
  const lower = trimmed.toLowerCase();
  if (isIPv4(trimmed)) return { value: trimmed, kind: 'IPV4' };
  if (HEX.test(lower)) {
    if (lower.length === 32) return { value: lower, kind: 'MD5' };
    if (lower.length === 40) return { value: lower, kind: 'SHA1' };
    if (lower.length === 64) return { value: lower, kind: 'SHA256' };
  }
  const url = URL_PARTS.exec(trimmed);
  if (url && isUrl(trimmed)) {
    // Scheme and host are case-insensitive; the path is not, so it keeps its case.
    return { value: `${url[1]!.toLowerCase()}${url[2]!.toLowerCase()}${url[3]}`, kind: 'URL' };
  }
  const domain = lower.endsWith('.') ? lower.slice(0, -1) : lower;
  if (DOMAIN.test(domain)) return { value: domain, kind: 'DOMAIN' };
  return { value: trimmed, kind: 'UNKNOWN' };
}

function isUrl(text: string): boolean {
  if (/\s/.test(text)) return false;
  try {
    return new URL(text).hostname !== '';
  } catch {
    return false;
  }
}

/**
 * The indicators a SIGN threat target names: a domain gives one, an IP pair such as
 * `192.168.11.2/117.219.34.162` gives two (both ends).
 */
export function indicatorsOfTarget(target: string): DetectedIndicator[] {
  const parts = target.split('/').map((part) => part.trim());
  if (parts.length === 2 && parts.every((part) => isIPv4(part))) return parts.map(detectIndicator);
  return [detectIndicator(target)];
}
