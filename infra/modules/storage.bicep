// Storage for the host, the deployment package, the images to label, the label table, the queue
// that carries blob-created events to the apps and the container that keeps undeliverable events.
// Keys are switched off: every caller (apps, Event Grid, people) authenticates with Entra ID.

@description('Storage account name (3-24 lowercase letters and digits).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags object = {}

@description('Blob container that holds the Flex Consumption deployment package.')
param deploymentContainerName string

@description('Blob container whose new blobs get labelled.')
param imagesContainerName string

@description('Table that stores the labels.')
param labelsTableName string

@description('Queue that Event Grid fills with BlobCreated events for the images container.')
param imageEventsQueueName string

@description('Backfill names: table (jobs and their counts), pagesQueue (listing pages), itemsQueue (work items).')
param backfill { table: string, pagesQueue: string, itemsQueue: string }

@description('Blob container where Event Grid dead-letters events it could not deliver.')
param deadLetterContainerName string

@description('Replication of the account.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
])
param skuName string = 'Standard_LRS'

resource storage 'Microsoft.Storage/storageAccounts@2025-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-01-01' = {
  parent: storage
  name: 'default'
  properties: {
    deleteRetentionPolicy: {
      enabled: true
      days: 7
    }
  }
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-01-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource imagesContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-01-01' = {
  parent: blobService
  name: imagesContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource deadLetterContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-01-01' = {
  parent: blobService
  name: deadLetterContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2025-01-01' = {
  parent: storage
  name: 'default'
}

// The host moves a message here after maxDequeueCount failures; created up front so it is visible
// (and monitorable) before the first failure.
resource imageEventsQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-01-01' = {
  parent: queueService
  name: imageEventsQueueName
}

resource imageEventsPoisonQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-01-01' = {
  parent: queueService
  name: '${imageEventsQueueName}-poison'
}

// The backfill's queues, with the poison queues the host moves a message to after maxDequeueCount
// failures, drained by BackfillItemPoison and BackfillListPoison (docs/backfill.md, "Poison").
resource backfillQueues 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-01-01' = [
  for queue in [backfill.pagesQueue, '${backfill.pagesQueue}-poison', backfill.itemsQueue, '${backfill.itemsQueue}-poison']: {
    parent: queueService
    name: queue
  }
]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2025-01-01' = {
  parent: storage
  name: 'default'
}

resource labelsTable 'Microsoft.Storage/storageAccounts/tableServices/tables@2025-01-01' = {
  parent: tableService
  name: labelsTableName
}

resource backfillTable 'Microsoft.Storage/storageAccounts/tableServices/tables@2025-01-01' = {
  parent: tableService
  name: backfill.table
}

output name string = storage.name
output id string = storage.id
output blobEndpoint string = storage.properties.primaryEndpoints.blob
output queueEndpoint string = storage.properties.primaryEndpoints.queue
output tableEndpoint string = storage.properties.primaryEndpoints.table
output deploymentContainerName string = deploymentContainer.name
output imagesContainerName string = imagesContainer.name
output labelsTableName string = labelsTable.name
output imageEventsQueueName string = imageEventsQueue.name
output deadLetterContainerName string = deadLetterContainer.name
