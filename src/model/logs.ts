/** One CloudWatch Logs event as the build-log document uses it. */
export interface LogEvent {
  timestamp: number;
  message: string;
  ingestionTime?: number;
}

export interface LogStreamRef {
  groupName: string;
  streamName: string;
}
