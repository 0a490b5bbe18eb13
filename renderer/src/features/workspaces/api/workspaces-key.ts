export const WORKSPACES_QUERY_KEY = ['workspaces'] as const;
