// Event Grid system topic over the storage account. Subscriptions are added by
// infra/events.bicep once the function code (and with it the webhook key) exists.

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
  properties: {
    source: storage.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

output name string = topic.name
