using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;

namespace OAuthPortal.Tests.Support;

/// <summary>
/// One of the portal's displayed curl commands (quickstart, test callback) as the equivalent HTTP request: -X, -u, -H,
/// --data-urlencode and the URL, whose path and query are kept (the test's client knows the portal's address).
/// </summary>
public static partial class CurlCommand
{
    public static HttpRequestMessage ToRequest(string command)
    {
        var words = ShellWord().Matches(command.Replace("\\\n", " ")).Select(m => m.Groups[1].Success ? m.Groups[1].Value.Replace("'\\''", "'") : m.Value).ToList();
        Assert.Equal("curl", words[0]);
        var request = new HttpRequestMessage(HttpMethod.Get, "/");
        var form = new List<KeyValuePair<string, string>>();
        for (var i = 1; i < words.Count; i++)
        {
            switch (words[i])
            {
                case "-X": request.Method = new HttpMethod(words[++i]); break;
                case "-u": request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(words[++i]))); break;
                case "-H":
                    var header = words[++i].Split(": ", 2);
                    request.Headers.TryAddWithoutValidation(header[0], header[1]);
                    break;
                case "--data-urlencode":
                    var field = words[++i].Split('=', 2);
                    form.Add(new(field[0], field[1]));
                    break;
                default: request.RequestUri = new Uri(new Uri(words[i]).PathAndQuery, UriKind.Relative); break;
            }
        }

        if (form.Count > 0)
        {
            request.Content = new FormUrlEncodedContent(form);
        }

        return request;
    }

    [GeneratedRegex(@"'((?:[^']|'\\'')*)'|\S+")]
    private static partial Regex ShellWord();
}
