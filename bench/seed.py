#!/usr/bin/env python3
"""The approach of the seed scripts batchforge replaces: csv.DictReader, an f-string per message, json.dumps per
request, one line at a time into size- and count-limited shards.

Usage: python3 bench/seed.py --csv questions.csv --out DIR [--max-bytes 100000000] [--max-lines 50000]
"""
import argparse
import csv
import json
import os

SYSTEM = 'You are a patient tutor for {topic}. Answer in at most three sentences and cite the context when you use it.'


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--csv', required=True)
    ap.add_argument('--out', required=True)
    ap.add_argument('--max-bytes', type=int, default=100_000_000)
    ap.add_argument('--max-lines', type=int, default=50_000)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)

    shard, out, lines, size = 0, None, 0, 0
    with open(args.csv, newline='', encoding='utf-8') as f:
        for row in csv.DictReader(f):
            request = {
                'custom_id': f"q-{row['id']}",
                'method': 'POST',
                'url': '/v1/chat/completions',
                'body': {
                    'model': 'gpt-4o-mini',
                    'temperature': 0.2,
                    'max_tokens': 256,
                    'messages': [
                        {'role': 'system', 'content': SYSTEM.format(topic=row['topic'])},
                        {'role': 'user', 'content': f"Topic: {row['topic']}\nQuestion: {row['question']}\nContext: {row['context']}"},
                    ],
                },
            }
            line = json.dumps(request, ensure_ascii=False, separators=(',', ':')) + '\n'
            n = len(line.encode('utf-8'))
            if out is None or lines + 1 > args.max_lines or (lines > 0 and size + n > args.max_bytes):
                if out is not None:
                    out.close()
                shard += 1
                out = open(os.path.join(args.out, f'batch-{shard:05d}.jsonl'), 'w', encoding='utf-8', newline='')
                lines, size = 0, 0
            out.write(line)
            lines += 1
            size += n
    if out is not None:
        out.close()


if __name__ == '__main__':
    main()
