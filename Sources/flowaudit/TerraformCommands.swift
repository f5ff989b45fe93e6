import ArgumentParser
import FlowModel
import FlowReport
import FlowYAML

/// Reading the plans given on the command line, every problem of every plan reported at once.
enum TerraformPlans {
    static func read(_ paths: [String], catalogue: Catalogue) throws(DiagnosticList) -> [DeployedPlan] {
        var plans: [DeployedPlan] = []
        var problems: [Diagnostic] = []
        for path in paths {
            do {
                plans.append(try TerraformPlanReader.read(path: path, regions: catalogue.regions))
            } catch {
                problems += error.diagnostics
            }
        }
        guard problems.isEmpty else { throw DiagnosticList(problems) }
        return plans
    }
}

struct Deployed: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "What a Terraform plan deploys: each data-holding resource's country, encryption, access and retention.",
        discussion: """
        Reads `terraform show -json plan.out` (or the same of a state). With a model, each resource's store \
        (by deployed_as or a flowaudit-store tag) is shown too. Exit status: 0, or 2 for an invalid plan or model.
        """)

    @Argument(help: ArgumentHelp("The plan, as `terraform show -json` writes it.", valueName: "plan.json"))
    var plan: String

    @Argument(help: "Model files or directories, to show which store each resource is.")
    var paths: [String] = []

    @Option(help: "text or json.")
    var format: DeployedRenderer.Format = .text

    func run() throws {
        let catalogue = try Environment.catalogue()
        let plans = try TerraformPlans.read([plan], catalogue: catalogue)
        var stores: [String: String] = [:]
        if !paths.isEmpty {
            let model = try ModelLoader(catalogue: catalogue).load(paths: paths)
            let deployment = try Deployment(model: model, plans: plans)
            for reference in deployment.all {
                if let store = deployment.store(of: reference) { stores[deployment.resource(reference).address] = model.stores[store].id }
            }
        }
        Output.write(DeployedRenderer.render(plans[0], stores: stores, model: !paths.isEmpty, format: format))
    }
}

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draft model entries from infrastructure: `import terraform PLAN.json` prints stores with deployed_as.",
        subcommands: [ImportTerraform.self])
}

struct ImportTerraform: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "terraform",
        abstract: "Print draft `stores:` entries, one per data-holding resource of a plan, for you to complete.",
        discussion: """
        Each entry has the resource's deployed_as, location, encryption, access and retention as the plan says; \
        `holds` is left for you to fill in, and the operator is the one you name.
        """)

    @Argument(help: ArgumentHelp("The plan, as `terraform show -json` writes it.", valueName: "plan.json"))
    var plan: String

    @Option(help: ArgumentHelp("The organization id that runs the resources.", valueName: "id"))
    var `operator`: String = "OPERATOR"

    func run() throws {
        let catalogue = try Environment.catalogue()
        let plans = try TerraformPlans.read([plan], catalogue: catalogue)
        Output.write(DeployedRenderer.draftStores(plans[0], operator: `operator`))
    }
}

extension DeployedRenderer.Format: ExpressibleByArgument {}
