/** MicroProfile Health: liveness, and readiness of the database, the broker and each carrier link (R8.2, R9.7). */
package tw.gov.sms.shared.interfaces.health;
