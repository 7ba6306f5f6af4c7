// Event Grid system topic over the storage account. Its system-assigned identity is what delivers
// events to the storage queue and dead-letters the ones it cannot deliver (event-delivery.bicep
// grants it the two data roles), so no storage key or SAS is ever needed.

@description('System topic name.')
param name string

@description('Azure region; must be the storage account\'s region.')
param location string

@description('Tags for every resource.')
param tags object = {}

@description('Storage account whose blob events the topic publishes.')
param storageAccountName string

resource storage 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: storageAccountName
}

resource topic 'Microsoft.EventGrid/systemTopics@2025-02-15' = {
  name: name
  location: location
  tags: tags
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    source: storage.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

output name string = topic.name
output principalId string = topic.identity.principalId
