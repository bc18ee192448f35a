"""The actorgraph vocabulary as rdflib ``DefinedNamespace``s.

``AG`` holds every term of ``ontology.ttl`` (a typo such as ``AG.atacks``
raises ``AttributeError``); ``AGD`` is the namespace of data identifiers.
A test checks that ``AG`` and the ontology list the same terms.
"""

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

__all__ = ["AG", "AGD", "EDTF", "ONTOLOGY_IRI", "HYPOTHETICAL_STATUSES"]

ONTOLOGY_IRI = URIRef("https://w3id.org/actorgraph/ontology")
AGD = Namespace("https://w3id.org/actorgraph/id/")
#: Library of Congress datatype for Extended Date/Time Format strings.
EDTF = URIRef("http://id.loc.gov/datatypes/edtf/EDTF")


class AG(DefinedNamespace):
    """Terms of the actorgraph ontology (``ontology.ttl``)."""

    _NS = Namespace("https://w3id.org/actorgraph/ontology#")
    _fail = True

    Actor: URIRef
    AgreementSigning: URIRef
    Airstrike: URIRef
    Announcement: URIRef
    Assessment: URIRef
    ArmedConflict: URIRef
    ArtilleryExchange: URIRef
    AtLeast: URIRef
    BorderArea: URIRef
    BorderClosure: URIRef
    Bound: URIRef
    Ceasefire: URIRef
    City: URIRef
    CounterterrorismOperation: URIRef
    Country: URIRef
    DatePrecision: URIRef
    DayPrecision: URIRef
    DeFactoRegime: URIRef
    Deportation: URIRef
    DiplomaticVisit: URIRef
    DroneAttack: URIRef
    DroneStrikeCampaign: URIRef
    EndCause: URIRef
    Ended: URIRef
    Escalation: URIRef
    Estimated: URIRef
    EstimatedMoreThan: URIRef
    Event: URIRef
    Exactly: URIRef
    Failed: URIRef
    Friendly: URIRef
    Government: URIRef
    GroundAssault: URIRef
    GroupFormation: URIRef
    Hostile: URIRef
    InsurgentGroup: URIRef
    InternationalOrganization: URIRef
    IntervalPrecision: URIRef
    Killed: URIRef
    Killing: URIRef
    MediationEffort: URIRef
    MonthPrecision: URIRef
    MoreThan: URIRef
    Nearly: URIRef
    Negotiation: URIRef
    Neutral: URIRef
    NonStateArmedGroup: URIRef
    Offer: URIRef
    Ongoing: URIRef
    Person: URIRef
    Place: URIRef
    Polarity: URIRef
    PopulationGroup: URIRef
    Port: URIRef
    Potential: URIRef
    PrisonerRelease: URIRef
    Proposed: URIRef
    Province: URIRef
    Quantity: URIRef
    RefugeeReturn: URIRef
    Region: URIRef
    Relocation: URIRef
    Request: URIRef
    ResearchInstitute: URIRef
    ReturnToPower: URIRef
    Secured: URIRef
    Several: URIRef
    SourceDocument: URIRef
    Stalled: URIRef
    State: URIRef
    StateInstitution: URIRef
    Statement: URIRef
    Status: URIRef
    TerroristAttack: URIRef
    TerroristGroup: URIRef
    Thousands: URIRef
    Truce: URIRef
    Violated: URIRef
    War: URIRef
    WarDeclaration: URIRef
    YearPrecision: URIRef
    about: URIRef
    accusedBy: URIRef
    accuses: URIRef
    agent: URIRef
    agreementWith: URIRef
    assessedBy: URIRef
    alliedWith: URIRef
    armedConflictWith: URIRef
    atWarWith: URIRef
    attackedBy: URIRef
    attacks: URIRef
    borderDisputeWith: URIRef
    bound: URIRef
    branchOf: URIRef
    claimedBy: URIRef
    closeTiesWith: URIRef
    composedOf: URIRef
    concerns: URIRef
    concernedAbout: URIRef
    controlledBy: URIRef
    controls: URIRef
    cooperatesWith: URIRef
    cue: URIRef
    date: URIRef
    dateEarliest: URIRef
    dateLatest: URIRef
    datePrecision: URIRef
    defensePactWith: URIRef
    description: URIRef
    end: URIRef
    endCause: URIRef
    endDate: URIRef
    endEarliest: URIRef
    endLatest: URIRef
    endPrecision: URIRef
    ethnicTiesWith: URIRef
    evidencedBy: URIRef
    fightsAgainst: URIRef
    formedFromDefectorsOf: URIRef
    foughtAlongside: URIRef
    governedBy: URIRef
    governs: URIRef
    harboredBy: URIRef
    harbors: URIRef
    hasMember: URIRef
    hostedBy: URIRef
    hosts: URIRef
    ideologicalAffinityWith: URIRef
    isbn: URIRef
    leaderOf: URIRef
    headedBy: URIRef
    ledBy: URIRef
    locatedIn: URIRef
    mediatesBetween: URIRef
    memberOf: URIRef
    negativeViewOf: URIRef
    negotiatesWith: URIRef
    neighborOf: URIRef
    note: URIRef
    object: URIRef
    opposedBy: URIRef
    opposes: URIRef
    outcome: URIRef
    partOf: URIRef
    party: URIRef
    perceivesThreatFrom: URIRef
    place: URIRef
    polarity: URIRef
    predicate: URIRef
    pressuredBy: URIRef
    pressures: URIRef
    publisherPlace: URIRef
    quantityOf: URIRef
    quote: URIRef
    rank: URIRef
    rapprochementWith: URIRef
    relatedTo: URIRef
    rivalOf: URIRef
    role: URIRef
    series: URIRef
    seriesNumber: URIRef
    sign: URIRef
    source: URIRef
    splinterOf: URIRef
    start: URIRef
    startEarliest: URIRef
    startLatest: URIRef
    startPrecision: URIRef
    status: URIRef
    subject: URIRef
    supportedBy: URIRef
    supports: URIRef
    supportsFinancially: URIRef
    supportsMilitarily: URIRef
    supportsPolitically: URIRef
    target: URIRef
    targetedBy: URIRef
    targets: URIRef
    tensionsWith: URIRef
    threatenedBy: URIRef
    threatens: URIRef
    tradingPartnerOf: URIRef
    unit: URIRef
    value: URIRef
    victim: URIRef

    # -- ACLED and UCDP (issue 13) --
    Battle: URIRef
    ExplosionOrRemoteViolence: URIRef
    ViolenceAgainstCivilians: URIRef
    Protest: URIRef
    Riot: URIRef
    StrategicDevelopment: URIRef
    ArmedClash: URIRef
    GovernmentRegainsTerritory: URIRef
    NonStateActorOvertakesTerritory: URIRef
    ChemicalWeaponAttack: URIRef
    AirOrDroneStrike: URIRef
    SuicideBombing: URIRef
    ShellingArtilleryMissileAttack: URIRef
    RemoteExplosiveAttack: URIRef
    GrenadeAttack: URIRef
    SexualViolence: URIRef
    AttackOnCivilians: URIRef
    Abduction: URIRef
    PeacefulProtest: URIRef
    ProtestWithIntervention: URIRef
    ExcessiveForceAgainstProtesters: URIRef
    ViolentDemonstration: URIRef
    MobViolence: URIRef
    AgreementReached: URIRef
    Arrests: URIRef
    ChangeToGroupActivity: URIRef
    DisruptedWeaponsUse: URIRef
    BaseEstablished: URIRef
    LootingPropertyDestruction: URIRef
    NonViolentTransferOfTerritory: URIRef
    OtherStrategicDevelopment: URIRef
    StateBasedViolence: URIRef
    NonStateViolence: URIRef
    OneSidedViolence: URIRef
    PoliticalMilitia: URIRef
    IdentityMilitia: URIRef
    Rioters: URIRef
    Protesters: URIRef
    Civilians: URIRef
    ExternalForce: URIRef
    District: URIRef
    Subdistrict: URIRef
    LocationPrecision: URIRef
    ExactLocation: URIRef
    NearLocation: URIRef
    AdminAreaLocation: URIRef
    CountryLocation: URIRef
    locationPrecision: URIRef
    datasetId: URIRef
    citedSources: URIRef
    DerivationRule: URIRef
    AcledOpposedActorsRule: URIRef
    AcledAssociatedActorsRule: URIRef
    AcledStateForcesRule: URIRef
    UcdpDyadRule: URIRef
    AcledOneSidedRule: URIRef
    AcledGovernmentPeriodRule: URIRef
    AcledUnitRule: URIRef
    derivationRule: URIRef
    # Dataset roles and governments over time (issue 23)
    codedActor: URIRef
    actor1: URIRef
    actor2: URIRef
    associatedActor: URIRef
    associatedActor1: URIRef
    associatedActor2: URIRef
    sideA: URIRef
    sideB: URIRef
    datasetVersion: URIRef
    # Evidence and figures (issue 11)
    positiveViewOf: URIRef
    endQuote: URIRef
    follows: URIRef
    viewedPositivelyBy: URIRef
    viewedNegativelyBy: URIRef
    minimum: URIRef
    maximum: URIRef
    statedAs: URIRef
    # Intensity, lifespans and bound quotes (issue 20)
    intensity: URIRef
    intensityBasis: URIRef
    startQuote: URIRef
    lifespanStart: URIRef
    lifespanEnd: URIRef
    lifespanStartEarliest: URIRef
    lifespanStartLatest: URIRef
    lifespanEndEarliest: URIRef
    lifespanEndLatest: URIRef
    lifespanQuote: URIRef


# DefinedNamespace resolves every attribute through a metaclass __getattr__ (about 2.5 µs);
# importers touch AG.* some 40 times a row. Declared terms become plain class attributes
# (same URIRefs); an undeclared one still fails through __getattr__ (AG.atacks → AttributeError).
for _term in AG.__annotations__:
    type.__setattr__(AG, _term, AG._NS[_term])
del _term


#: Statuses under which no direct triple is asserted (a feared or proposed alignment is not an alignment).
HYPOTHETICAL_STATUSES = frozenset({AG.Potential, AG.Proposed})
