# syntax=docker/dockerfile:1
# GPU image of the function app, for the Container Apps serverless GPU plan (infra/modules/gpu-app.bicep).
# Build from the repository root, after exporting the model (python models/export_resnet18.py):
#   docker build -t <registry>.azurecr.io/imgcls-gpu:<tag> .
# The CPU plan does not use this image: it runs the plain linux-x64 publish output on Flex Consumption.

# --- CUDA and cuDNN runtime libraries --------------------------------------------------------
# Microsoft.ML.OnnxRuntime.Gpu.Linux 1.31.0 (the version in Directory.Packages.props) is built
# against CUDA 13.x and cuDNN 9.x. Source: the package's own libonnxruntime_providers_cuda.so
# links libcudart.so.13, libcublas.so.13, libcublasLt.so.13 and libcurand.so.10 (readelf -d) and
# loads libcudnn.so.9 at run time; ONNX Runtime's CUDA execution provider requirements
# (onnxruntime.ai/docs/execution-providers/CUDA-ExecutionProvider.html) pair CUDA 13 builds with
# cuDNN 9, and ORT 1.27 made CUDA 13 the default GPU package (CUDA 12 packages deprecated).
# CUDA 13 needs an NVIDIA driver >= 580 on the host (provided by the platform) and a GPU of compute
# capability >= 7.5: the T4 (7.5) and the A100 (8.0) both qualify.
# Only the libraries the provider loads are copied, with their symlinks, to keep the image small.
FROM nvidia/cuda:13.0.2-cudnn-runtime-ubuntu24.04 AS cuda
RUN mkdir -p /opt/cuda-runtime \
 && cd /usr/local/cuda/targets/x86_64-linux/lib \
 && cp -a libcudart.so.13* libcublas.so.13* libcublasLt.so.13* libcurand.so.10* libnvrtc.so.13* libnvrtc-builtins.so.13* /opt/cuda-runtime/ \
 && cp -a /usr/lib/x86_64-linux-gnu/libcudnn*.so.9* /opt/cuda-runtime/

# --- Build: publish the function app against the GPU flavour of ONNX Runtime -----------------
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Serverless.sln global.json Directory.Build.props Directory.Packages.props host.json ./
COPY functions/ functions/
# OnnxRuntimeFlavor=Gpu swaps Microsoft.ML.OnnxRuntime for Microsoft.ML.OnnxRuntime.Gpu.Linux.
RUN dotnet publish functions/ImageClassifier.Functions/ImageClassifier.Functions.csproj \
      -c Release -r linux-x64 --self-contained false \
      -p:OnnxRuntimeFlavor=Gpu \
      -o /app/publish

# --- Runtime: the Functions host image plus CUDA, the app and the model ----------------------
FROM mcr.microsoft.com/azure-functions/dotnet-isolated:4-dotnet-isolated10.0
COPY --from=cuda /opt/cuda-runtime/ /usr/local/cuda-runtime/lib/
RUN echo /usr/local/cuda-runtime/lib > /etc/ld.so.conf.d/cuda-runtime.conf && ldconfig
# The port is pinned here, not left to the base image's default: the container app's ingress and its startup,
# readiness and liveness probes on /api/health (infra/modules/gpu-app.bicep) all use 80.
ENV ASPNETCORE_URLS=http://+:80 \
    NVIDIA_VISIBLE_DEVICES=all \
    NVIDIA_DRIVER_CAPABILITIES=compute,utility \
    AzureWebJobsScriptRoot=/home/site/wwwroot \
    AzureFunctionsJobHost__Logging__Console__IsEnabled=true \
    Classifier__ExecutionProvider=cuda \
    Classifier__ModelDirectory=/home/site/wwwroot/models/resnet18
COPY --from=build /app/publish/ /home/site/wwwroot/
# Baked in, so a replica that scales from zero loads the model from local disk. No publish-time optimised copy for
# CUDA: writing one needs a GPU, which an image build lacks; the engine saves one in the replica's temp folder after
# its first load (ClassifierOptions.SaveOptimizedCopy), so restarts of that replica skip the optimisation.
COPY models/resnet18/ /home/site/wwwroot/models/resnet18/
EXPOSE 80
