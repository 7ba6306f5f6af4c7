// The GPU plan's function app: a Container App of kind functionapp on the serverless GPU
// workload profile, pulling its image with the shared identity.

@description('Container app name (2-32 lowercase letters, digits and hyphens).')
@maxLength(32)
param name string

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags object = {}

@description('Resource id of the Container Apps environment.')
param environmentId string

@description('Workload profile (inside the environment) the app runs on.')
param workloadProfileName string

@description('vCPUs for the container; matches the GPU profile.')
param cpu int

@description('Memory for the container, e.g. 56Gi; matches the GPU profile.')
param memory string

@description('Image to run. Empty deploys a public placeholder until the workflow pushes the real image.')
param containerImage string = ''

@description('Registry the image comes from.')
param registryLoginServer string

@description('Name of the user-assigned identity the app runs and pulls as.')
param identityName string

@description('Storage account for the host and the data.')
param storageAccountName string

@description('Application Insights component name.')
param applicationInsightsName string

@description('0 scales to zero when idle; 1 keeps one replica (and its whole GPU) billed around the clock: see docs/cold-start.md for the cost.')
@allowed([
  0
  1
])
param minReplicas int = 0

@description('Upper bound on replicas; each one holds a whole GPU.')
@minValue(1)
@maxValue(10)
param maxReplicas int = 1

@description('Blob container whose new blobs get labelled (app setting ImagesContainer).')
param imagesContainerName string

@description('Table that stores the labels (app setting LabelsTable).')
param labelsTableName string

@description('Queue that carries the blob-created events (app setting ImageEventsQueue); its derived KEDA azure-queue rule drains to zero.')
param imageEventsQueueName string

@description('Backfill names: table, pagesQueue, itemsQueue (app settings BackfillTable, BackfillPagesQueue, BackfillItemsQueue).')
param backfill { table: string, pagesQueue: string, itemsQueue: string }

@description('Where the image holds the model (app setting Classifier__ModelDirectory); the Dockerfile copies it there.')
param modelDirectory string = '/home/site/wwwroot/models/resnet18'

// The placeholder is a public Functions sample image: it lets the first deployment create the
// app before the registry holds our image. It has no /api/health, so it gets no probes.
var placeholderImage = 'mcr.microsoft.com/azure-functions/dotnet8-quickstart-demo:1.0'
var usePlaceholder = empty(containerImage)
var healthPath = '/api/health'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: identityName
}

resource storage 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

var env = [
  { name: 'FUNCTIONS_EXTENSION_VERSION', value: '~4' }
  { name: 'FUNCTIONS_WORKER_RUNTIME', value: 'dotnet-isolated' }
  { name: 'AzureWebJobsStorage__blobServiceUri', value: storage.properties.primaryEndpoints.blob }
  { name: 'AzureWebJobsStorage__queueServiceUri', value: storage.properties.primaryEndpoints.queue }
  { name: 'AzureWebJobsStorage__tableServiceUri', value: storage.properties.primaryEndpoints.table }
  { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
  { name: 'AzureWebJobsStorage__clientId', value: identity.properties.clientId }
  { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: applicationInsights.properties.ConnectionString }
  {
    name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'
    value: 'ClientId=${identity.properties.clientId};Authorization=AAD'
  }
  { name: 'Classifier__ExecutionProvider', value: 'cuda' }
  { name: 'Classifier__ModelDirectory', value: modelDirectory }
  { name: 'ImagesContainer', value: imagesContainerName }
  { name: 'LabelsTable', value: labelsTableName }
  { name: 'ImageEventsQueue', value: imageEventsQueueName }
  { name: 'BackfillTable', value: backfill.table }
  { name: 'BackfillPagesQueue', value: backfill.pagesQueue }
  { name: 'BackfillItemsQueue', value: backfill.itemsQueue }
  // Keys in the storage account (identity-based AzureWebJobsStorage), not per replica: they survive
  // scale to zero, and the workflow can list them once one replica has started.
  // Source: Learn, container-apps/functions-secrets-host-keys.
  { name: 'AzureWebJobsSecretStorageType', value: 'blob' }
]

// Startup allows ~2.5 minutes for CUDA initialisation and the model load before liveness applies.
var probes = [
  {
    type: 'Startup'
    httpGet: {
      path: healthPath
      port: 80
    }
    initialDelaySeconds: 10
    periodSeconds: 15
    failureThreshold: 10
    timeoutSeconds: 5
  }
  {
    type: 'Readiness'
    httpGet: {
      path: healthPath
      port: 80
    }
    periodSeconds: 10
    failureThreshold: 3
    timeoutSeconds: 5
  }
  {
    type: 'Liveness'
    httpGet: {
      path: healthPath
      port: 80
    }
    periodSeconds: 30
    failureThreshold: 3
    timeoutSeconds: 5
  }
]

resource app 'Microsoft.App/containerApps@2025-07-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    environmentId: environmentId
    workloadProfileName: workloadProfileName
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: true
        targetPort: 80
        transport: 'auto'
        allowInsecure: false
      }
      registries: [
        {
          server: registryLoginServer
          identity: identity.id
        }
      ]
    }
    template: {
      containers: [
        {
          name: 'classifier'
          image: usePlaceholder ? placeholderImage : containerImage
          resources: {
            cpu: cpu
            memory: memory
          }
          env: env
          probes: usePlaceholder ? [] : probes
        }
      ]
      scale: {
        minReplicas: minReplicas
        maxReplicas: maxReplicas
      }
    }
  }
}

output name string = app.name
output url string = 'https://${app.properties.configuration.ingress.fqdn}'
