/**
 * "Did you mean" for names: the closest candidate by edit distance (adjacent swaps count as one edit,
 * case ignored), or one that extends or shortens the name, so `aws_s3_bukcet` finds `aws_s3_bucket` and
 * `versioning_config` finds `versioning_configuration`.
 */
export function closestName(name: string, candidates: Iterable<string>): string | null {
  const target = name.toLowerCase();
  const limit = target.length <= 4 ? 1 : target.length <= 9 ? 2 : 3;
  let best: { name: string; distance: number; prefix: number } | undefined;
  for (const candidate of candidates) {
    if (candidate === name) continue;
    const lower = candidate.toLowerCase();
    if (Math.abs(lower.length - target.length) > limit) continue;
    const distance = editDistance(target, lower, limit);
    if (distance > limit) continue;
    const prefix = commonPrefix(target, lower);
    if (
      !best ||
      distance < best.distance ||
      (distance === best.distance && prefix > best.prefix) ||
      (distance === best.distance && prefix === best.prefix && candidate < best.name)
    )
      best = { name: candidate, distance, prefix };
  }
  return best?.name ?? extension(target, candidates);
}

/**
 * A candidate the name abbreviates (the shortest one), else one the name extends (the longest one):
 * `aws_iam_policy_doc` means `aws_iam_policy_document` more likely than `aws_iam_policy`.
 */
function extension(target: string, candidates: Iterable<string>): string | null {
  if (target.length < 4) return null;
  let longer: string | null = null;
  let shorter: string | null = null;
  for (const candidate of candidates) {
    const lower = candidate.toLowerCase();
    if (lower === target) continue;
    if (lower.startsWith(target)) {
      if (
        longer === null ||
        candidate.length < longer.length ||
        (candidate.length === longer.length && candidate < longer)
      )
        longer = candidate;
    } else if (lower.length >= 5 && target.startsWith(lower)) {
      if (shorter === null || candidate.length > shorter.length) shorter = candidate;
    }
  }
  return longer ?? shorter;
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/** Optimal string alignment distance, giving up (returning limit + 1) once every path exceeds `limit`. */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  let twoBack: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, (twoBack[j - 2] ?? 0) + 1);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    twoBack = previous;
    previous = current;
  }
  return previous[b.length] ?? 0;
}
