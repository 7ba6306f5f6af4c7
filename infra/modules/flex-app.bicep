// The CPU plan: a Flex Consumption (FC1) plan and its function app, running as the shared
// user-assigned identity. Flex takes the runtime from functionAppConfig and rejects the
// FUNCTIONS_WORKER_RUNTIME and FUNCTIONS_EXTENSION_VERSION app settings, so neither is set.

@description('Hosting plan name.')
param planName string

@description('Function app name (globally unique: it becomes <name>.azurewebsites.net).')
param name string

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags object = {}

@description('Name of the user-assigned identity the app runs as.')
param identityName string

@description('Storage account for the host, the deployment package and the data.')
param storageAccountName string

@description('Blob container that holds the deployment package.')
param deploymentContainerName string

@description('Application Insights component name.')
param applicationInsightsName string

@description('Memory per instance in MB; the model and the decoded images live in it.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Upper bound on instances the plan scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

// Flex sends an instance at most this many HTTP requests at once and adds instances beyond it
// (functionAppConfig.scaleAndConcurrency.triggers.http.perInstanceConcurrency; Learn,
// azure-functions/flex-consumption-plan#concurrency, and "How to achieve high HTTP scale with Azure Functions Flex
// Consumption", Azure apps blog, 2024). The app's memory budget (Classifier:MaxBytesInFlight, 384 MiB) admits 10
// uploads of the 20 MiB limit at once and makes the rest wait, then answers 503 busy (docs/reliability.md); at 10 the
// platform scales out before an instance starts refusing work.
@description('Most HTTP requests one instance handles at once before Flex adds an instance; sized from the app\'s memory budget (docs/reliability.md).')
@minValue(1)
@maxValue(1000)
param httpPerInstanceConcurrency int = 10

@description('Always-ready instances for the http group (every HTTP function); 0 lets it scale to zero.')
@minValue(0)
@maxValue(20)
param alwaysReadyHttpInstances int = 0

@description('Always-ready instances for the queue-triggered blob function, which Flex scales on its own instances (function:<name>); 0 lets it scale to zero.')
@minValue(0)
@maxValue(20)
param alwaysReadyBlobFunctionInstances int = 0

@description('Name of the queue-triggered function that labels new blobs; its always-ready group is function:<name>.')
param blobFunctionName string

@description('Blob container whose new blobs get labelled (app setting ImagesContainer).')
param imagesContainerName string

@description('Table that stores the labels (app setting LabelsTable).')
param labelsTableName string

@description('Queue that carries the blob-created events (app setting ImageEventsQueue).')
param imageEventsQueueName string

@description('Backfill names: table, pagesQueue, itemsQueue (app settings BackfillTable, BackfillPagesQueue, BackfillItemsQueue).')
param backfill { table: string, pagesQueue: string, itemsQueue: string }

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: identityName
}

resource storage 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

// Flex scales HTTP functions as one group (http) and every queue-triggered function on its own
// instances (function:<name>); each group gets its own always-ready count. Zero counts are left out.
// Source: Learn, azure-functions/flex-consumption-plan#per-function-scaling.
var alwaysReady = filter(
  [
    {
      name: 'http'
      instanceCount: alwaysReadyHttpInstances
    }
    {
      name: 'function:${blobFunctionName}'
      instanceCount: alwaysReadyBlobFunctionInstances
    }
  ],
  group => group.instanceCount > 0
)

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-11-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      http20Enabled: true
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identity.id
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
        alwaysReady: alwaysReady
        triggers: {
          http: {
            perInstanceConcurrency: httpPerInstanceConcurrency
          }
        }
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

resource appSettings 'Microsoft.Web/sites/config@2024-11-01' = {
  parent: site
  name: 'appsettings'
  properties: {
    AzureWebJobsStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
    AzureWebJobsStorage__queueServiceUri: storage.properties.primaryEndpoints.queue
    AzureWebJobsStorage__tableServiceUri: storage.properties.primaryEndpoints.table
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identity.properties.clientId
    APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
    // Entra ID ingestion: the component has local auth disabled.
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.properties.clientId};Authorization=AAD'
    Classifier__ExecutionProvider: 'cpu'
    ImagesContainer: imagesContainerName
    LabelsTable: labelsTableName
    ImageEventsQueue: imageEventsQueueName
    BackfillTable: backfill.table
    BackfillPagesQueue: backfill.pagesQueue
    BackfillItemsQueue: backfill.itemsQueue
  }
}

output name string = site.name
output url string = 'https://${site.properties.defaultHostName}'
