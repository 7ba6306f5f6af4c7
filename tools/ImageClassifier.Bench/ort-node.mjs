// Times bare inference with onnxruntime-node on the same graph, thread count and input as `bench` uses, so the .NET
// numbers have a same-run baseline. Usage: node tools/ImageClassifier.Bench/ort-node.mjs MODEL INPUT.f32 THREADS RUNS
// Prints one JSON line: {"loadMs":..,"samples":[..]}.
import ort from "onnxruntime-node";
import { readFile } from "node:fs/promises";

const [model, inputPath, threads, runs] = process.argv.slice(2);
if (!runs) {
  console.error("usage: node tools/ImageClassifier.Bench/ort-node.mjs MODEL INPUT.f32 THREADS RUNS");
  process.exit(2);
}

const started = performance.now();
const session = await ort.InferenceSession.create(model, {
  intraOpNumThreads: Number(threads),
  interOpNumThreads: 1,
  executionMode: "sequential",
  graphOptimizationLevel: "all",
});
const loadMs = performance.now() - started;
const bytes = await readFile(inputPath);
const data = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
const side = Math.round(Math.sqrt(data.length / 3));
const feeds = { [session.inputNames[0]]: new ort.Tensor("float32", data, [1, 3, side, side]) };
for (let i = 0; i < 5; i++) await session.run(feeds);
const samples = [];
for (let i = 0; i < Number(runs); i++) {
  const t = performance.now();
  await session.run(feeds);
  samples.push(performance.now() - t);
}
console.log(JSON.stringify({ loadMs, samples, version: ort.env.versions?.node ?? null }));
