print("tracksheet")
