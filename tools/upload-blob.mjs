// Uploads images to the local 'images' container with the Azure Storage SDK for JavaScript, then waits until
// `serve` has labelled each one and prints the labels and how long that took.
// Usage: node tools/upload-blob.mjs FILE... [--url http://127.0.0.1:7071] [--prefix folder/]
import { BlobServiceClient } from "@azure/storage-blob";
import { readFile } from "node:fs/promises";
import { basename } from "node:path";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const [value] = args.splice(i, 2).slice(1);
  return value;
};
const url = option("--url", "http://127.0.0.1:7071").replace(/\/$/, "");
const prefix = option("--prefix", "");
const container = option("--container", "images");
if (args.length === 0) {
  console.error("usage: node tools/upload-blob.mjs FILE... [--url URL] [--prefix PREFIX] [--container NAME]");
  process.exit(2);
}

const client = BlobServiceClient.fromConnectionString("UseDevelopmentStorage=true").getContainerClient(container);
await client.createIfNotExists();

let failed = 0;
for (const file of args) {
  const name = prefix + basename(file);
  const { etag } = await client.getBlockBlobClient(name).uploadData(await readFile(file));
  const uploaded = performance.now();
  const labelsUrl = `${url}/api/labels/${container}/${name.split("/").map(encodeURIComponent).join("/")}`;
  let record = null;
  while (performance.now() - uploaded < 30000) {
    const response = await fetch(labelsUrl);
    if (response.ok) {
      const body = await response.json();
      if (body.etag === etag) { record = body; break; }
    }
    await new Promise(r => setTimeout(r, 50));
  }
  const seconds = ((performance.now() - uploaded) / 1000).toFixed(2);
  if (!record) {
    console.log(`${name}: not labelled within 30 s`);
    failed++;
  } else if (record.status === "ok") {
    console.log(`${name}: ${record.labels[0].label} (${(record.labels[0].probability * 100).toFixed(1)}%), labelled ${seconds} s after upload`);
  } else {
    console.log(`${name}: failed ${record.error.code}: ${record.error.message} (${seconds} s after upload)`);
  }
}
process.exit(failed ? 1 : 0);
