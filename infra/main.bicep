// Image classifier: shared storage, monitoring and identity, plus the CPU plan (Flex Consumption),
// the GPU plan (Container Apps serverless GPU) or both. New blobs reach either plan the same way:
// Event Grid puts a BlobCreated event on the image-events queue and the queue-triggered ClassifyBlob
// labels the blob. A queue destination needs no function key, so everything deploys in one step.
targetScope = 'resourceGroup'

@description('Short name used in every resource name.')
@minLength(3)
@maxLength(10)
param appName string = 'imgcls'

@description('Deployment environment; part of every resource name.')
@allowed([
  'dev'
  'prod'
])
param environmentName string

@description('Azure region for every resource. For the GPU plan it must offer serverless GPUs.')
param location string = resourceGroup().location

@description('Which hosting plans to deploy: cpu (Flex Consumption), gpu (Container Apps serverless GPU) or both.')
@allowed([
  'cpu'
  'gpu'
  'both'
])
param plans string = 'cpu'

@description('CPU plan: memory per instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('CPU plan: maximum number of instances.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('CPU plan: most HTTP requests one instance handles at once before Flex adds an instance (sized from the app\'s memory budget, docs/reliability.md).')
@minValue(1)
@maxValue(1000)
param httpPerInstanceConcurrency int = 10

@description('CPU plan: always-ready instances for the http group, i.e. every HTTP function (0 scales to zero).')
@minValue(0)
@maxValue(20)
param alwaysReadyHttpInstances int = 0

@description('CPU plan: always-ready instances for the queue-triggered ClassifyBlob, which Flex scales as function:ClassifyBlob (0 scales to zero).')
@minValue(0)
@maxValue(20)
param alwaysReadyBlobFunctionInstances int = 0

@description('GPU plan: serverless GPU type.')
@allowed([
  'T4'
  'A100'
])
param gpuType string = 'T4'

@description('GPU plan: 0 scales to zero when idle, 1 keeps one replica (a whole GPU) billed around the clock (docs/cold-start.md).')
@allowed([
  0
  1
])
param gpuMinReplicas int = 0

@description('GPU plan: maximum number of replicas (one GPU each).')
@minValue(1)
@maxValue(10)
param gpuMaxReplicas int = 1

@description('GPU plan: image to run, e.g. <registry>.azurecr.io/imgcls-gpu:<sha>. Empty deploys a placeholder.')
param gpuContainerImage string = ''

@description('GPU plan: registry tier (Premium allows artifact streaming for faster cold starts).')
@allowed([
  'Basic'
  'Standard'
  'Premium'
])
param registrySku string = 'Basic'

@description('Days to keep logs in Log Analytics.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

@description('Extra tags for every resource.')
param tags object = {}

var deployCpu = plans != 'gpu'
var deployGpu = plans != 'cpu'
var token = uniqueString(subscription().id, resourceGroup().id, appName, environmentName)
var compactName = toLower(replace(appName, '-', ''))
var allTags = union(tags, {
  app: appName
  environment: environmentName
})

// Names the app code uses as its defaults (ImagesContainer, LabelsTable, ImageEventsQueue, the
// ClassifyBlob function) and the GPU image layout.
var imagesContainerName = 'images'
var labelsTableName = 'ImageLabels'
var imageEventsQueueName = 'image-events'
var deadLetterContainerName = 'event-deadletter'
var blobFunctionName = 'ClassifyBlob'
var deploymentContainerName = 'app-package'
var modelDirectoryInImage = '/home/site/wwwroot/models/resnet18'

// Backfill (docs/backfill.md): the jobs table and the two queues, by the names the app defaults to
// (BackfillTable, BackfillPagesQueue, BackfillItemsQueue).
var backfill = {
  table: 'BackfillJobs'
  pagesQueue: 'backfill-pages'
  itemsQueue: 'backfill-items'
}

var names = {
  storage: take('st${compactName}${environmentName}${token}', 24)
  workspace: 'log-${appName}-${environmentName}'
  applicationInsights: 'appi-${appName}-${environmentName}'
  identity: 'id-${appName}-${environmentName}'
  plan: 'plan-${appName}-${environmentName}'
  functionApp: 'func-${appName}-${environmentName}-${take(token, 6)}'
  registry: 'cr${compactName}${environmentName}${take(token, 8)}'
  // Container Apps names must be lower case; appName may not be.
  containerEnvironment: toLower('cae-${appName}-${environmentName}')
  gpuApp: toLower('ca-${appName}-${environmentName}-gpu')
  systemTopic: 'evgt-${appName}-${environmentName}-storage'
}

// Serverless GPU profiles: the container gets the whole profile (one GPU per replica).
var gpuProfiles = {
  T4: {
    type: 'Consumption-GPU-NC8as-T4'
    cpu: 8
    memory: '56Gi'
  }
  A100: {
    type: 'Consumption-GPU-NC24-A100'
    cpu: 24
    memory: '220Gi'
  }
}
var gpuProfileName = 'gpu'

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: names.storage
    location: location
    tags: allTags
    deploymentContainerName: deploymentContainerName
    imagesContainerName: imagesContainerName
    labelsTableName: labelsTableName
    imageEventsQueueName: imageEventsQueueName
    deadLetterContainerName: deadLetterContainerName
    backfill: backfill
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    workspaceName: names.workspace
    applicationInsightsName: names.applicationInsights
    location: location
    tags: allTags
    retentionInDays: logRetentionInDays
  }
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    name: names.identity
    location: location
    tags: allTags
  }
}

module roles 'modules/roles.bicep' = {
  name: 'roles'
  params: {
    identityName: names.identity
    storageAccountName: names.storage
    applicationInsightsName: names.applicationInsights
  }
  dependsOn: [
    identity
    storage
    monitoring
  ]
}

module cpuApp 'modules/flex-app.bicep' = if (deployCpu) {
  name: 'cpu-app'
  dependsOn: [
    roles
  ]
  params: {
    planName: names.plan
    name: names.functionApp
    location: location
    tags: allTags
    identityName: names.identity
    storageAccountName: names.storage
    deploymentContainerName: deploymentContainerName
    applicationInsightsName: names.applicationInsights
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    httpPerInstanceConcurrency: httpPerInstanceConcurrency
    alwaysReadyHttpInstances: alwaysReadyHttpInstances
    alwaysReadyBlobFunctionInstances: alwaysReadyBlobFunctionInstances
    blobFunctionName: blobFunctionName
    imagesContainerName: imagesContainerName
    labelsTableName: labelsTableName
    imageEventsQueueName: imageEventsQueueName
    backfill: backfill
  }
}

module registry 'modules/registry.bicep' = if (deployGpu) {
  name: 'registry'
  params: {
    name: names.registry
    location: location
    tags: allTags
    sku: registrySku
    pullIdentityName: names.identity
  }
  dependsOn: [
    identity
  ]
}

module gpuEnvironment 'modules/gpu-environment.bicep' = if (deployGpu) {
  name: 'gpu-environment'
  params: {
    name: names.containerEnvironment
    location: location
    tags: allTags
    gpuProfileType: gpuProfiles[gpuType].type
    gpuProfileName: gpuProfileName
    workspaceId: monitoring.outputs.workspaceId
  }
}

module gpuApp 'modules/gpu-app.bicep' = if (deployGpu) {
  name: 'gpu-app'
  dependsOn: [
    roles
  ]
  params: {
    name: names.gpuApp
    location: location
    tags: allTags
    environmentId: gpuEnvironment!.outputs.id
    workloadProfileName: gpuProfileName
    cpu: gpuProfiles[gpuType].cpu
    memory: gpuProfiles[gpuType].memory
    containerImage: gpuContainerImage
    registryLoginServer: registry!.outputs.loginServer
    identityName: names.identity
    storageAccountName: names.storage
    applicationInsightsName: names.applicationInsights
    minReplicas: gpuMinReplicas
    maxReplicas: gpuMaxReplicas
    imagesContainerName: imagesContainerName
    labelsTableName: labelsTableName
    imageEventsQueueName: imageEventsQueueName
    backfill: backfill
    modelDirectory: modelDirectoryInImage
  }
}

module eventTopic 'modules/event-topic.bicep' = {
  name: 'event-topic'
  params: {
    name: names.systemTopic
    location: location
    tags: allTags
    storageAccountName: names.storage
  }
  dependsOn: [
    storage
  ]
}

module eventDelivery 'modules/event-delivery.bicep' = {
  name: 'event-delivery'
  params: {
    systemTopicName: names.systemTopic
    topicPrincipalId: eventTopic.outputs.principalId
    name: 'images-blob-created'
    storageAccountName: names.storage
    containerName: imagesContainerName
    queueName: imageEventsQueueName
    deadLetterContainerName: deadLetterContainerName
  }
  dependsOn: [
    storage
  ]
}

@description('Which plans this deployment contains.')
output plans string = plans

@description('CPU plan function app name (empty without the CPU plan).')
output functionAppName string = deployCpu ? cpuApp!.outputs.name : ''

@description('CPU plan base URL, e.g. https://<app>.azurewebsites.net (empty without the CPU plan).')
output functionAppUrl string = deployCpu ? cpuApp!.outputs.url : ''

@description('GPU plan container app name (empty without the GPU plan).')
output gpuAppName string = deployGpu ? gpuApp!.outputs.name : ''

@description('GPU plan base URL (empty without the GPU plan).')
output gpuAppUrl string = deployGpu ? gpuApp!.outputs.url : ''

@description('Storage account holding the images container and the ImageLabels table.')
output storageAccountName string = storage.outputs.name

@description('Container the blob trigger watches.')
output imagesContainerName string = storage.outputs.imagesContainerName

@description('Table the labels are written to.')
output labelsTableName string = storage.outputs.labelsTableName

@description('Registry name (empty without the GPU plan).')
output registryName string = deployGpu ? registry!.outputs.name : ''

@description('Registry login server, e.g. <name>.azurecr.io (empty without the GPU plan).')
output registryLoginServer string = deployGpu ? registry!.outputs.loginServer : ''

@description('Client id of the identity the apps run as.')
output identityClientId string = identity.outputs.clientId

@description('Event Grid system topic on the storage account.')
output systemTopicName string = eventTopic.outputs.name

@description('Queue that carries BlobCreated events of the images container to ClassifyBlob.')
output imageEventsQueueName string = storage.outputs.imageEventsQueueName

@description('Container that keeps events Event Grid could not deliver.')
output deadLetterContainerName string = storage.outputs.deadLetterContainerName

@description('Event Grid subscription that feeds the queue.')
output eventSubscriptionName string = eventDelivery.outputs.name
