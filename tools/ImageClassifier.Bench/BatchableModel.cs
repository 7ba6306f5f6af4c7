namespace ImageClassifier.Bench;

/// <summary>
/// Makes a copy of an ONNX model whose first input and every graph output have a symbolic batch dimension, by editing
/// the protobuf wire format directly (ModelProto.graph = 7; GraphProto.input = 11, output = 12, value_info = 13;
/// ValueInfoProto.type = 2; TypeProto.tensor_type = 1; Tensor.shape = 2; TensorShapeProto.dim = 1; Dimension.dim_param = 2).
/// Only valid for graphs with no shape-dependent nodes, such as the ResNet-18 featurizer (Conv, BatchNormalization,
/// Relu, Add, pooling): a bench tool for batch rows, never used by the product.
/// </summary>
internal static class BatchableModel
{
    public static byte[] Rewrite(byte[] model, string inputName)
    {
        return Transform(model, (field, value) => field == 7 ? Transform(value, (f, v) => f switch
        {
            11 when NameOf(v) == inputName => SymbolicBatch(v),
            12 => SymbolicBatch(v),
            13 => null, // intermediate shapes would pin the batch to 1; ONNX Runtime infers them again
            _ => v,
        }) : value);
    }

    private static byte[] SymbolicBatch(byte[] valueInfo) =>
        Transform(valueInfo, (f, v) => f != 2 ? v : Transform(v, (f2, tensor) => f2 != 1 ? tensor : Transform(tensor, (f3, shape) => f3 != 2 ? shape : FirstDimSymbolic(shape))));

    private static byte[] FirstDimSymbolic(byte[] shape)
    {
        var first = true;
        return Transform(shape, (f, dim) =>
        {
            if (f != 1 || !first)
            {
                return dim;
            }

            first = false;
            var name = "N"u8.ToArray();
            return [.. Tag(2, 2), .. Varint((ulong)name.Length), .. name];
        });
    }

    private static string? NameOf(byte[] valueInfo)
    {
        string? name = null;
        Transform(valueInfo, (f, v) =>
        {
            if (f == 1)
            {
                name = System.Text.Encoding.UTF8.GetString(v);
            }

            return v;
        });
        return name;
    }

    // Rewrites each length-delimited field through map (null drops it); other wire types are copied as they are.
    private static byte[] Transform(byte[] message, Func<int, byte[], byte[]?> map)
    {
        using var output = new MemoryStream(message.Length);
        var position = 0;
        while (position < message.Length)
        {
            var start = position;
            var key = ReadVarint(message, ref position);
            var field = (int)(key >> 3);
            var wire = (int)(key & 7);
            switch (wire)
            {
                case 0:
                    ReadVarint(message, ref position);
                    output.Write(message, start, position - start);
                    break;
                case 1:
                    position += 8;
                    output.Write(message, start, position - start);
                    break;
                case 5:
                    position += 4;
                    output.Write(message, start, position - start);
                    break;
                case 2:
                    var length = (int)ReadVarint(message, ref position);
                    var value = message.AsSpan(position, length).ToArray();
                    position += length;
                    var mapped = map(field, value);
                    if (mapped is not null)
                    {
                        output.Write(Tag(field, 2));
                        output.Write(Varint((ulong)mapped.Length));
                        output.Write(mapped);
                    }

                    break;
                default:
                    throw new InvalidDataException($"Unsupported protobuf wire type {wire} at byte {start}.");
            }
        }

        return output.ToArray();
    }

    private static byte[] Tag(int field, int wire) => Varint((ulong)((field << 3) | wire));

    private static byte[] Varint(ulong value)
    {
        var bytes = new List<byte>(10);
        do
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            bytes.Add(value != 0 ? (byte)(b | 0x80) : b);
        }
        while (value != 0);
        return [.. bytes];
    }

    private static ulong ReadVarint(byte[] data, ref int position)
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = data[position++];
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw new InvalidDataException("Malformed varint.");
    }
}
