using Fennec.Packets.Decoding;

namespace Fennec.Flows.Export;

/// <summary>
/// The ICMP type and code of the answer to a request. A flow record keeps only the initiator's type and code, so the
/// reverse side of a request/reply exchange is given the reply's type; other messages keep their own.
/// </summary>
internal static class IcmpReply
{
    /// <summary>The reply's type * 256 + code for a request's, or the request's own when it has no known reply.</summary>
    public static ushort TypeCodeOf(byte protocol, ushort typeCode)
    {
        var type = typeCode >> 8;
        var reply = protocol == IpProtocol.Icmp
            ? type switch
            {
                8 => 0, // echo request -> echo reply
                13 => 14, // timestamp
                15 => 16, // information
                17 => 18, // address mask
                _ => -1,
            }
            : type switch
            {
                128 => 129, // echo request -> echo reply
                133 => 134, // router solicitation -> advertisement
                135 => 136, // neighbour solicitation -> advertisement
                139 => 140, // node information query -> response
                _ => -1,
            };
        return reply < 0 ? typeCode : (ushort)(reply << 8);
    }
}
