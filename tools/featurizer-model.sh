#!/usr/bin/env bash
# Makes a model directory from the ImageNet-trained ResNet-18 graph in the NuGet package
# Microsoft.ML.DnnImageFeaturizer.ResNet18 0.23.1 (it stops at the global average pool: output [1,512,1,1]).
# For speed and memory figures only: its 512 "labels" are placeholders and it labels nothing.
# Usage: tools/featurizer-model.sh [OUT_DIR]   (default models/resnet18-featurizer)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/models/resnet18-featurizer}"
packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
source="$packages/microsoft.ml.dnnimagefeaturizer.resnet18/0.23.1/tools/DnnImageModels/ResNet18Onnx/ResNet18.onnx"
if [ ! -f "$source" ]; then
  # The bench project downloads the package on restore (PackageDownload).
  dotnet restore "$root/tools/ImageClassifier.Bench" >/dev/null
fi
mkdir -p "$out"
cp "$source" "$out/model.onnx"
for i in $(seq 0 511); do printf 'placeholder-%03d\n' "$i"; done >"$out/labels.txt"
echo "$out"
