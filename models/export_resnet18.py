"""Export torchvision's ResNet-18 (IMAGENET1K_V1 weights) to ONNX for the image classifier.

Writes two files into models/resnet18/ (or --out DIR):
  model.onnx  - opset 17, input "input" float32 [batch,3,224,224], output "logits" float32 [batch,1000]
  labels.txt  - the 1000 ImageNet class names, one per line, in output index order
No model.json is written: the engine's defaults are torchvision's ImageNet eval transform.

Then checks the export: ONNX Runtime and PyTorch must agree (max abs logit difference < 1e-4 and the
same argmax) on a seeded random batch of 2 and on samples/coffee.jpg.

Usage, from any directory:  python models/export_resnet18.py [--out DIR] [--sample IMAGE]
"""
import argparse
import hashlib
from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort
import torch
from PIL import Image
from torchvision.models import ResNet18_Weights, resnet18

REPO_ROOT = Path(__file__).resolve().parent.parent
TOLERANCE = 1e-4


def compare(session, model, batch, what):
    """Runs both frameworks on one batch; fails unless logits and argmax agree."""
    with torch.inference_mode():
        expected = model(batch).numpy()
    actual = session.run(["logits"], {"input": batch.numpy()})[0]
    diff = float(np.max(np.abs(expected - actual)))
    same = bool(np.array_equal(expected.argmax(axis=1), actual.argmax(axis=1)))
    print(f"  {what}: batch {batch.shape[0]}, max |diff| {diff:.2e}, same argmax: {same}")
    if diff >= TOLERANCE or not same:
        raise SystemExit(f"ONNX Runtime disagrees with PyTorch on {what}")
    return actual


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "models" / "resnet18", help="output directory")
    parser.add_argument("--sample", type=Path, default=REPO_ROOT / "samples" / "coffee.jpg", help="image to check")
    args = parser.parse_args()
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    model_path, labels_path = out / "model.onnx", out / "labels.txt"

    weights = ResNet18_Weights.IMAGENET1K_V1
    model = resnet18(weights=weights).eval()
    torch.onnx.export(
        model,
        (torch.zeros(1, 3, 224, 224),),
        str(model_path),
        input_names=["input"],
        output_names=["logits"],
        dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}},
        opset_version=17,
        do_constant_folding=True,
    )
    onnx.checker.check_model(str(model_path))
    categories = weights.meta["categories"]
    labels_path.write_text("".join(f"{name}\n" for name in categories), encoding="utf-8")

    print("Checking ONNX Runtime against PyTorch")
    session = ort.InferenceSession(str(model_path), providers=["CPUExecutionProvider"])
    generator = torch.Generator().manual_seed(0)
    compare(session, model, torch.randn(2, 3, 224, 224, generator=generator), "seeded random batch")
    image = Image.open(args.sample).convert("RGB")
    logits = compare(session, model, weights.transforms()(image).unsqueeze(0), args.sample.name)[0]
    probabilities = np.exp(logits - logits.max())
    probabilities /= probabilities.sum()
    top = np.argsort(-probabilities)[:3]
    print("  top-3 for " + args.sample.name + ": " + ", ".join(f"{categories[i]} {probabilities[i]:.3f}" for i in top))

    digest = hashlib.sha256(model_path.read_bytes()).hexdigest()
    shapes = [(i.name, i.shape) for i in session.get_inputs()] + [(o.name, o.shape) for o in session.get_outputs()]
    print(f"Wrote {model_path} ({model_path.stat().st_size:,} bytes, sha256 {digest[:12]}, opset 17)")
    print(f"Wrote {labels_path} ({len(categories)} labels)")
    print("Graph: " + ", ".join(f"{name} {shape}" for name, shape in shapes))
    print(f"torch {torch.__version__}, onnx {onnx.__version__}, onnxruntime {ort.__version__}")


if __name__ == "__main__":
    main()
