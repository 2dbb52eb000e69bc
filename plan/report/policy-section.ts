/**
 * The policy section of the report: the verdict first, then every violation, mandatory ones first,
 * with the rule, its level, the resource and the message that says how to fix it.
 */
import type { PlanDocument, PlanViolation } from "../engine/contract";
import { orderViolations, violationSummary } from "../policy/render-violations";
import { html, Markup } from "./markup";
import { resourceLink } from "./resource-link";

function verdict(plan: PlanDocument): Markup {
    const violations = plan.policy.violations;
    if (!plan.policy.evaluated) {
        return html`<p class="verdict advisory">Not evaluated: the policy pack was not run over this plan.</p>`;
    }
    if (violations.length === 0) {
        return html`<p class="verdict pass">No violations: every rule of the policy pack holds for this stack.</p>`;
    }
    if (violations.some((v) => v.enforcementLevel === "mandatory")) {
        return html`<p class="verdict fail">
            Fails: ${violationSummary(violations)}. A mandatory violation stops
            <code>pulumi preview --policy-pack policy</code> (or, when it rests on values unknown at preview,
            <code>pulumi up</code> midway), and the offline plan exits 1.
        </p>`;
    }
    return html`<p class="verdict advisory">Holds, with ${violationSummary(violations)} to review.</p>`;
}

function violationRow(plan: PlanDocument, violation: PlanViolation): Markup {
    const level = violation.enforcementLevel;
    return html`<tr>
        <td>
            <span class="level ${level}">${level}</span>${
                violation.decidedAt === undefined
                    ? null
                    : html`<br /><span class="phase"
                              >${violation.decidedAt === "preview" ? "at preview" : "only at up"}</span
                          >`
            }
        </td>
        <td><code>${violation.policy}</code></td>
        <td>${resourceLink(plan, violation.urn)}</td>
        <td class="message">${violation.message}</td>
    </tr>`;
}

/** The `#policy` section. */
export function policySection(plan: PlanDocument): Markup {
    const violations = orderViolations(plan.policy.violations);
    const table =
        violations.length === 0
            ? null
            : html`<table class="violations">
                  <caption>
                      Violations, mandatory first
                  </caption>
                  <thead>
                      <tr>
                          <th scope="col">Level</th>
                          <th scope="col">Rule</th>
                          <th scope="col">Resource</th>
                          <th scope="col">Message</th>
                      </tr>
                  </thead>
                  <tbody>
                      ${violations.map((violation) => violationRow(plan, violation))}
                  </tbody>
              </table>`;
    return html`<section id="policy" aria-labelledby="policy-title">
        <h2 id="policy-title">Policy verdict</h2>
        ${verdict(plan)} ${table}
    </section>`;
}
