/** Which series a shadow's table statistics feed: row count, op rates, bytes, column means. */
package io.chronoshadow.prophet.features;
