import FlowModel
internal import Foundation

/// `flowaudit init`: a commented model that validates, to copy and edit.
package enum StarterModel {
    package static let fileName = "model.yaml"

    /// The starter written on `today`: its agreement is signed that day and runs three years, so a
    /// new model never starts with an expired contract.
    package static func text(today: CivilDate) -> String {
        let expires = CivilDate(year: today.year + 3, month: today.month, day: min(today.day, 28)) ?? today
        return template.replacingOccurrences(of: "SIGNED", with: today.description)
            .replacingOccurrences(of: "EXPIRES", with: expires.description)
    }

    private static let template = """
    # yaml-language-server: $schema=flowaudit-schema.json
    # A flowaudit model (format v1). Run `flowaudit check .` here; flowaudit-schema.json beside it
    # gives your editor completion and checks. Every section is optional and may live in any file.

    organizations:                       # id -> organization; ids are shared with data, systems, stores
      clinic:
        name: Example Clinic AB          # required
        country: SE                      # required: ISO 3166-1 alpha-2 country of establishment
        role: controller                 # controller | processor | joint-controller | third-party
        dpo: dpo@clinic.example          # data protection officer's contact
      hosting:
        name: Example Hosting Oy
        country: FI
        role: processor

    data:                                # id -> data set
      patient-records:
        name: Patient records
        controller: clinic               # whose personal data it is
        categories: [special.health, personal.contact]   # personal.*, special.*, criminal, non-personal
        subjects: [patients]
        records: 20000
        dpia: DPIA-2025-01               # needed for large-scale special-category data

    activities:                          # id -> processing activity (Art. 30(1)): purpose and legal basis, once
      patient-care:
        name: Patient care
        controller: clinic
        purpose: patient care
        legal_basis: legal-obligation    # Art. 6(1)
        article9: health-care            # Art. 9(2), for special categories
        data: [patient-records]

    systems:                             # id -> system that processes data (nothing at rest)
      records-app:
        name: Patient record application
        operator: hosting                # the organization that runs it
        location: FI                     # default: the operator's country
        access_logging: reviewed         # none | enabled | reviewed
        authentication: multi-factor     # none | password | multi-factor

    stores:                              # id -> storage of data at rest
      records-db:
        name: Record database
        operator: hosting
        encryption_at_rest: customer-managed   # none | provider-managed | customer-managed
        access: internal                 # public | authenticated | internal
        access_logging: reviewed
        authentication: multi-factor
        deletion: supported              # supported | unsupported (single records cannot be erased)
        retention: P10Y                  # ISO 8601 duration, or unlimited

    flows:                               # data moving between organizations, systems and stores
      - id: records-to-app
        from: clinic
        to: records-app
        activity: patient-care           # carries its data, judged by its purpose and legal basis
        encrypted_in_transit: true
      - id: app-to-db
        from: records-app
        to: records-db
        activity: patient-care
        encrypted_in_transit: true

    agreements:
      - id: dpa-clinic-hosting
        type: dpa                        # dpa | scc | bcr | joint-controller
        controller: clinic
        processor: hosting
        subprocessors: none              # none | specific (list them in approved) | general
        clauses: [instructions, confidentiality, security, subprocessors, assistance-rights,
                  assistance-security, deletion-return, audits]   # Art. 28(3)(a)-(h)
        signed: SIGNED
        expires: EXPIRES

    incidents: []                        # breach register (Art. 33(5)): id, affected, discovered, risk, notified_*

    waivers: []                          # accepted findings: rule, subject, reason, approved_by, expires

    """
}
