using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Extensions.DependencyInjection;

namespace OAuthPortal.Tests.Fuzz;

/// <summary>Every route of the running portal, read from its <see cref="EndpointDataSource"/>, with the names model binding reads.</summary>
public static class RouteCatalog
{
    /// <summary>Paths that match no route (the 404 page, re-executed with the original request's method and body).</summary>
    private static readonly string[] MissingPaths = ["/no-such-page", "/Admin/NoSuchPage", "/Developer/Clients/x/y/z", "/Identity/Account/Nope", "/oauth2/nope", "/api/nope"];

    public static List<FuzzRoute> Read(IServiceProvider services)
    {
        var routes = new Dictionary<string, FuzzRoute>(StringComparer.Ordinal);
        var staticFiles = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var raw = endpoint.RoutePattern.RawText ?? "";
            var pattern = "/" + raw.TrimStart('/');
            if (endpoint.Metadata.GetMetadata<StaticAssetDescriptor>() is not null)
            {
                staticFiles.Add(pattern);
                continue;
            }

            var action = endpoint.Metadata.GetMetadata<ActionDescriptor>();
            var kind = raw.Contains("{**", StringComparison.Ordinal) ? FuzzRoute.Fallback : action is CompiledPageActionDescriptor ? FuzzRoute.Page : FuzzRoute.Api;
            if (!routes.TryGetValue(pattern, out var route))
            {
                routes[pattern] = route = new FuzzRoute(pattern, kind);
            }

            foreach (var parameter in endpoint.RoutePattern.Parameters)
            {
                route.Parameters[parameter.Name] = parameter.ParameterPolicies.Any(p => p.Content == "int");
            }

            if (action is CompiledPageActionDescriptor page)
            {
                route.Handlers.UnionWith(page.HandlerMethods.Select(h => h.Name).OfType<string>());
            }

            var bound = (action?.Parameters ?? []).Concat(action?.BoundProperties ?? [])
                .Concat((action as CompiledPageActionDescriptor)?.HandlerMethods.SelectMany(h => h.Parameters) ?? []);
            foreach (var parameter in bound)
            {
                AddFields(route.Fields, parameter.BindingInfo?.BinderModelName ?? parameter.Name, parameter.ParameterType, 0);
            }

            route.Fields.ExceptWith(route.Parameters.Keys);
        }

        // Static files: the portal's own (plain, fingerprinted, precompressed) and two of the libraries'.
        var ownStatic = staticFiles.Where(p => !p.Contains("/lib/", StringComparison.Ordinal) && !p.StartsWith("/_framework/", StringComparison.Ordinal));
        var someLibraries = staticFiles.Where(p => p.EndsWith("bootstrap.min.css", StringComparison.Ordinal) || p.EndsWith("jquery.validate.min.js", StringComparison.Ordinal)).Take(2);
        return
        [
            .. routes.Values.OrderBy(r => r.Pattern, StringComparer.Ordinal),
            .. ownStatic.Concat(someLibraries).Select(p => new FuzzRoute(p, FuzzRoute.Static)),
            .. MissingPaths.Select(p => new FuzzRoute(p, FuzzRoute.Missing)),
        ];
    }

    /// <summary>The page or API route a link or form action belongs to ("{x}" matches any segment, "{x:int}" an integer), or null.</summary>
    public static FuzzRoute? Match(IEnumerable<FuzzRoute> routes, string path)
    {
        var segments = path.Split('?')[0].Trim('/').Split('/');
        return routes.Where(r => r.Kind is FuzzRoute.Page or FuzzRoute.Api).FirstOrDefault(route =>
        {
            var parts = route.Pattern.Trim('/').Split('/');
            return parts.Length == segments.Length && parts.Zip(segments).All(p => p.First.StartsWith('{')
                ? !p.First.Contains(":int", StringComparison.Ordinal) || int.TryParse(p.Second, out _)
                : p.First.Equals(p.Second, StringComparison.OrdinalIgnoreCase));
        });
    }

    /// <summary>The names model binding reads for a parameter or property: its own for simple types, "Name.Property" for the properties of a model.</summary>
    private static void AddFields(SortedSet<string> fields, string name, Type type, int depth)
    {
        if (typeof(CancellationToken).IsAssignableFrom(type) || typeof(HttpContext).IsAssignableFrom(type) || depth > 2)
        {
            return;
        }

        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying.IsPrimitive || underlying.IsEnum || underlying.IsArray || underlying.IsGenericType || underlying == typeof(string) ||
            underlying.Namespace?.StartsWith("Microsoft.", StringComparison.Ordinal) == true || underlying.Namespace?.StartsWith("System", StringComparison.Ordinal) == true)
        {
            fields.Add(name);
            return;
        }

        foreach (var property in underlying.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            AddFields(fields, $"{name}.{property.Name}", property.PropertyType, depth + 1);
        }
    }
}
