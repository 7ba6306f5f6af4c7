using 'main.bicep'

// Production: both plans; one always-ready CPU instance for the HTTP functions and one for
// ClassifyBlob, the GPU replica scales to zero (docs/cold-start.md has the costs).
param environmentName = 'prod'
param plans = 'both'
param instanceMemoryMB = 2048
param maximumInstanceCount = 100
param alwaysReadyHttpInstances = 1
param alwaysReadyBlobFunctionInstances = 1
param gpuType = 'T4'
param gpuMinReplicas = 0
param gpuMaxReplicas = 3
param registrySku = 'Premium'
param logRetentionInDays = 90
// Set by the deploy workflow to the image it last pushed; empty means the placeholder.
param gpuContainerImage = readEnvironmentVariable('GPU_CONTAINER_IMAGE', '')
