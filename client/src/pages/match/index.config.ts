export default definePageConfig({ navigationBarTitleText: '互选' });
