#!/usr/bin/env python3
"""Workloads (b)-(f) of bench/workloads.mjs as the seed scripts would write them: csv.DictReader or
json.loads per line, f-strings, json.dumps(..., ensure_ascii=False, separators=(',', ':')) per request,
one line at a time into size- and count-limited shards (one series of shards per matrix partition).

Usage: python3 bench/jobs/seed_jobs.py --job b --src records.jsonl --out DIR [--max-bytes N] [--max-lines N]
"""
import argparse
import csv
import json
import os

SYSTEM = 'You are a patient tutor for {topic}. Answer in at most three sentences and cite the context when you use it.'
SHOTS = [('What is entropy?', 'definition'), ('Why does ice float?', 'explanation'),
         ('When did the Silk Road close?', 'history'), ('Show a prime number.', 'example')]
SHOT_TEXT = ''.join(f'Q: {q} => {label}\n' for q, label in SHOTS)


def user(row):
    return f"Topic: {row['topic']}\nQuestion: {row['question']}\nContext: {row['context']}"


def chat(custom_id, body):
    return {'custom_id': custom_id, 'method': 'POST', 'url': '/v1/chat/completions', 'body': body}


def job_b(row):
    meta = row['meta']
    text = f"Hint: {meta['hint']}\n" if meta.get('hint') else ''
    text += f"Topic: {meta['topic'].upper()} (level {meta['level']}; tags: {', '.join(row['tags'])})\n"
    for i, ex in enumerate(row['examples']):
        text += f"Example {i}: {ex['q']} → {ex['a']}\n"
    text += f"Question: {row['question']}\nContext: {row['context']}"
    yield 'batch', chat(f"r-{row['id']}", {
        'model': 'gpt-4o-mini', 'temperature': 0.2, 'max_tokens': 256,
        'messages': [{'role': 'system', 'content': f"You answer questions about {meta['topic']}."},
                     {'role': 'user', 'content': text}]})


def job_c(row):
    system = (f"You sort questions about {row['topic']} into one of: definition, explanation, history, example.\n"
              f"{SHOT_TEXT}Answer with the label only.")
    yield 'batch', chat(f"c-{row['id']}", {
        'model': 'gpt-4o-mini', 'temperature': 0, 'max_tokens': 5,
        'messages': [{'role': 'system', 'content': system},
                     {'role': 'user', 'content': f"{row['question']}\n{row['context']}"}]})


def job_d(row):
    for model in ('gpt-4o-mini', 'gpt-4.1-mini'):
        for temperature, shown in ((0, '0'), (0.7, '0.7')):
            yield f'batch.{model}', chat(f"q-{row['id']}-{model}-{shown}", {
                'model': model, 'max_tokens': 256, 'temperature': temperature,
                'messages': [{'role': 'system', 'content': SYSTEM.format(topic=row['topic'])},
                             {'role': 'user', 'content': user(row)}]})


def job_e(row):
    yield 'batch', {'custom_id': f"q-{row['id']}", 'params': {
        'model': 'claude-3-5-haiku-latest', 'max_tokens': 256, 'system': SYSTEM.format(topic=row['topic']),
        'messages': [{'role': 'user', 'content': user(row)}]}}


def job_f(row):
    yield 'batch', {'custom_id': f"e-{row['id']}", 'method': 'POST', 'url': '/v1/embeddings', 'body': {
        'model': 'text-embedding-3-small', 'dimensions': 512,
        'input': [f"{row['topic']}: {row['question']}", row['context']]}}


class Shards:
    """One series of shard files per partition: a new file when the next line would pass max lines or bytes."""

    def __init__(self, out, max_bytes, max_lines):
        self.out, self.max_bytes, self.max_lines, self.open = out, max_bytes, max_lines, {}

    def write(self, name, line):
        n = len(line.encode('utf-8'))
        cur = self.open.get(name)
        if cur is None or cur[2] + 1 > self.max_lines or (cur[2] > 0 and cur[3] + n > self.max_bytes):
            index = 1 if cur is None else cur[1] + 1
            if cur is not None:
                cur[0].close()
            f = open(os.path.join(self.out, f'{name}-{index:05d}.jsonl'), 'w', encoding='utf-8', newline='')
            cur = self.open[name] = [f, index, 0, 0]
        cur[0].write(line)
        cur[2] += 1
        cur[3] += n

    def close(self):
        for cur in self.open.values():
            cur[0].close()


def rows(path):
    with open(path, newline='', encoding='utf-8') as f:
        if path.endswith('.csv'):
            yield from csv.DictReader(f)
        else:
            for line in f:
                yield json.loads(line)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--job', required=True, choices=['b', 'c', 'd', 'e', 'f'])
    ap.add_argument('--src', required=True)
    ap.add_argument('--out', required=True)
    ap.add_argument('--max-bytes', type=int, default=100_000_000)
    ap.add_argument('--max-lines', type=int, default=50_000)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    job = globals()[f'job_{args.job}']
    shards = Shards(args.out, args.max_bytes, args.max_lines)
    for row in rows(args.src):
        for name, request in job(row):
            shards.write(name, json.dumps(request, ensure_ascii=False, separators=(',', ':')) + '\n')
    shards.close()


if __name__ == '__main__':
    main()
