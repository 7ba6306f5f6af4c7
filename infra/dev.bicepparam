using 'main.bicep'

// Development: CPU plan only, everything scales to zero; a first request waits for a cold start
// (docs/cold-start.md).
param environmentName = 'dev'
param plans = 'cpu'
param instanceMemoryMB = 2048
param maximumInstanceCount = 40
param alwaysReadyHttpInstances = 0
param alwaysReadyBlobFunctionInstances = 0
param gpuType = 'T4'
param gpuMinReplicas = 0
param gpuMaxReplicas = 1
param registrySku = 'Basic'
// Set by the deploy workflow to the image it last pushed; empty means the placeholder.
param gpuContainerImage = readEnvironmentVariable('GPU_CONTAINER_IMAGE', '')
