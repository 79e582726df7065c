using System.Globalization;
using OAuthPortal.Bench;

// OAuthPortal.Bench: `seed` writes grants into a portal database with the portal's own types; `machine-client` gives a
// client the client_credentials grant and a machine scope; `dpop-client` makes a client DPoP-bound and writes its key; `load` drives a running portal and prints one JSON line per
// scenario; `check` prints the database's token counts. See bench/README.md.
try
{
    var arguments = Arguments.Parse(args.Skip(1));
    return args.FirstOrDefault() switch
    {
        "seed" => await Seeder.RunAsync(arguments),
        "machine-client" => await MachineClient.RunAsync(arguments),
        "dpop-client" => await DpopClient.RunAsync(arguments),
        "load" => await LoadGenerator.RunAsync(arguments),
        "check" => await DatabaseCheck.RunAsync(arguments),
        _ => Usage(),
    };
}
catch (ArgumentException exception)
{
    await Console.Error.WriteLineAsync($"error: {exception.Message}");
    return 2;
}

static int Usage()
{
    Console.Error.WriteLine("""
        usage:
          OAuthPortal.Bench seed  --db FILE --client-id ID --user EMAIL --scope "NAME [NAME...]" --kind refresh|code --count N --out FILE [--access-out FILE] [--dpop-jkt JKT]
          OAuthPortal.Bench machine-client --db FILE --client-id ID --scope NAME
          OAuthPortal.Bench dpop-client --db FILE --client-id ID --key-out FILE        (prints the key's thumbprint)
          OAuthPortal.Bench load  --url http://127.0.0.1:PORT[,URL2...] --scenario bearer|unknown|refresh|code|code_oidc|dpop_bearer|dpop_refresh --tokens FILE
                                  [--client-id ID --client-secret S] [--concurrency 64] [--count N | --seconds S] [--new-tokens-out FILE]
                                  [--dpop-key FILE --public-url https://HOST:PORT]
          OAuthPortal.Bench check --db FILE
        --db FILE is a SQLite file; a PostgreSQL connection string (Host=...;Database=...) instead opens that database.
        """);
    return 2;
}

namespace OAuthPortal.Bench
{
    /// <summary><c>--name value</c> pairs.</summary>
    internal sealed class Arguments
    {
        private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

        public static Arguments Parse(IEnumerable<string> args)
        {
            var result = new Arguments();
            using var e = args.GetEnumerator();
            while (e.MoveNext())
            {
                var name = e.Current;
                if (!name.StartsWith("--", StringComparison.Ordinal) || !e.MoveNext())
                {
                    throw new ArgumentException($"expected '--name value', got '{name}'");
                }

                result._values[name[2..]] = e.Current;
            }

            return result;
        }

        public string Required(string name) =>
            _values.TryGetValue(name, out var value) ? value : throw new ArgumentException($"--{name} is required");

        public string? Optional(string name) => _values.GetValueOrDefault(name);

        public int Int(string name, int fallback) =>
            _values.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

        public double Double(string name, double fallback) =>
            _values.TryGetValue(name, out var value) ? double.Parse(value, CultureInfo.InvariantCulture) : fallback;
    }
}
