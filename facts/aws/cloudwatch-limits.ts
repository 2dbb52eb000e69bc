/**
 * CloudWatch limits the program's alarms must fit. Pure data with sources.
 *
 * @module
 */

import type { FactSource } from "./instance-network";

/** The longest `AlarmDescription` CloudWatch accepts, in characters. */
export const ALARM_DESCRIPTION_MAX_LENGTH = 1024;

/** Where AWS states the limit. */
export const ALARM_DESCRIPTION_SOURCE: FactSource = {
    url: "https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_MetricAlarm.html",
    says: "AlarmDescription: the description of the alarm. Type: String. Length Constraints: Minimum length of 0. Maximum length of 1024.",
};
