/**
 * A source whose ids repeat late, for tests of ids spilled past the memory limit (memoryIds: 4
 * with two matrix variants keeps rows 1-2 in memory): 40 rows, where later rows repeat the id of
 * a row kept in memory (1), of spilled rows (20, 25), and one twice (20). Row 13's question is empty.
 */
export function lateDuplicateRows(): string {
  const ids = Array.from({ length: 40 }, (_, i) => String(i + 1));
  ids[30] = '20';
  ids[33] = '1';
  ids[35] = '25';
  ids[38] = '20';
  return ['id,q', ...ids.map((id, i) => `${id},${i === 12 ? '' : `question ${i}`}`)].join('\n') + '\n';
}

/** its config: a custom_id that carries a matrix axis with two values */
export const lateDuplicateConfig = (onError: string, axis: string, values: [string, string]) => `model: m
source: { path: data/rows.csv }
custom_id: "q-{{id}}-{{@matrix.${axis}}}"
matrix: { ${axis}: [${values.join(', ')}] }
messages: [{ role: user, content: "{{q}}" }]
on_error: ${onError}
output: { max_lines: 7 }
`;
